using CommandCenter.Ingest;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Simulation;

/// <summary>Logs rejected events at most once a minute: how many since the last line, and one example.</summary>
internal sealed class RejectionLog(ILogger logger, TimeProvider time)
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    private DateTimeOffset _lastLog = DateTimeOffset.MinValue;
    private long _since;

    public void Add(IReadOnlyList<WireEvent> batch, IngestResponse response)
    {
        _since += response.Rejected;
        var now = time.GetUtcNow();
        if (now - _lastLog < Every) return;
        var example = response.Results.FirstOrDefault(r => r.Status == IngestStatus.Rejected);
        var type = example is not null && example.Index >= 0 && example.Index < batch.Count ? batch[example.Index].Type : null;
        logger.LogWarning("Ingest rejected {Count} simulated events; e.g. {Id} ({Type}): {Reason}",
            _since, example?.Id, type, example?.Reason);
        _lastLog = now;
        _since = 0;
    }
}
