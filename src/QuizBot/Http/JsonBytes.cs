namespace QuizBot.Http;

// A JSON body already serialized: 200, its length, its bytes. TypedResults.Bytes is a file result (ranges, validators,
// a logger from the request's services) and the click path answers with one of these per request.
internal sealed class JsonBytes(byte[] body) : IResult, IAnswerBytes
{
    private const string ContentType = "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext http) => Start(http.Response, body.Length).Body.WriteAsync(body, http.RequestAborted).AsTask();

    // 200 with a JSON body of `length` bytes, for any result that writes one.
    public static HttpResponse Start(HttpResponse response, int length)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = length;
        return response;
    }

    public byte[] ToArray() => body;
}
