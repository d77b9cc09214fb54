namespace QuizBot.Http;

// A JSON body already serialized: 200, its length, its bytes. TypedResults.Bytes is a file result (ranges, validators,
// a logger from the request's services) and the click path answers with one of these per request.
internal sealed class JsonBytes(byte[] body) : IResult, IAnswerBytes
{
    private const string ContentType = "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext http)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    public byte[] ToArray() => body;
}
