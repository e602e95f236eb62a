using CommandCenter.Ingest;

namespace CommandCenter.Simulation;

/// <summary>
/// Where the simulator delivers its batches. Returns the server's per-event results; a response with
/// <see cref="IngestResponse.Failed"/> &gt; 0, or an exception, means "not stored: send the same batch again later".
/// </summary>
public interface IEventSink
{
    Task<IngestResponse> SendAsync(IReadOnlyList<WireEvent> batch, CancellationToken ct);
}

/// <summary>The sink could not deliver a batch (network error, 5xx, unexpected answer); the batch must be retried.</summary>
public sealed class EventSinkException(string message, int? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The HTTP status, when the server answered at all.</summary>
    public int? StatusCode { get; } = statusCode;
}
