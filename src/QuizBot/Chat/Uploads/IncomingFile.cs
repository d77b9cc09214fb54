namespace QuizBot.Chat;

// A file someone sent the bot, before anything is read from it. Size: what the channel says (null when it does not
// say); the download enforces the cap itself, as a channel's word on size is not the bytes it serves. DownloadAsync
// throws FileDownloadException with a sentence for the person when the bytes cannot be had.
internal sealed record IncomingFile(string Name, long? Size, Func<CancellationToken, Task<byte[]>> DownloadAsync);

// The file could not be fetched (too big, refused, timed out); the message is a sentence for the person who sent it.
internal sealed class FileDownloadException(string message, Exception? inner = null) : Exception(message, inner);
