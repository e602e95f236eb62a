using System.Net;

namespace CommandCenter.Storage;

/// <summary>Base of every error <see cref="InfluxClient"/> raises on purpose.</summary>
public abstract class InfluxException : Exception
{
    protected InfluxException(string message, HttpStatusCode? statusCode, string? serverError, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        ServerError = serverError;
    }

    /// <summary>HTTP status of the failing response, if there was one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The server's own error text (the "error" member of its JSON answer), if any.</summary>
    public string? ServerError { get; }
}

/// <summary>
/// The server refused a write (4xx other than 429): malformed line, type conflict, unknown database,
/// auth. Not retried. For a partial write the server's text names the bad line; the other lines of
/// that request were stored, and earlier requests of the same call too.
/// </summary>
public sealed class InfluxWriteException(string message, HttpStatusCode statusCode, string? serverError, int firstLineIndex)
    : InfluxException(message, statusCode, serverError)
{
    /// <summary>Index (into the lines of the call) of the first line of the refused request.</summary>
    public int FirstLineIndex { get; } = firstLineIndex;
}

/// <summary>A query failed: bad InfluxQL (HTTP 400) or an "error" member in a result.</summary>
public sealed class InfluxQueryException(string message, HttpStatusCode? statusCode, string? serverError, int? statementId = null)
    : InfluxException(message, statusCode, serverError)
{
    public int? StatementId { get; } = statementId;
}

/// <summary>
/// The server could not be reached or kept failing (network errors, timeouts, 5xx, 429) after all
/// retries, or the connection broke while a query was streaming.
/// </summary>
public sealed class InfluxUnavailableException(string message, int attempts, HttpStatusCode? lastStatusCode, string? serverError, Exception? inner)
    : InfluxException(message, lastStatusCode, serverError, inner)
{
    public int Attempts { get; } = attempts;
}
