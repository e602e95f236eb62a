using CommandCenter.Simulation;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Ingest.Tests.Simulation;

/// <summary>A sink that fails its first <c>failures</c> calls (throwing, or answering Failed like a 503) and then accepts everything.</summary>
internal sealed class FlakySink(int failures, bool failWithResponse = false, TimeProvider? time = null) : IEventSink
{
    private readonly object _gate = new();
    public List<IReadOnlyList<WireEvent>> Attempts { get; } = [];
    public List<DateTimeOffset> AttemptTimes { get; } = [];
    public List<IReadOnlyList<WireEvent>> Delivered { get; } = [];

    public Task<IngestResponse> SendAsync(IReadOnlyList<WireEvent> batch, CancellationToken ct)
    {
        lock (_gate)
        {
            Attempts.Add([.. batch]);
            AttemptTimes.Add((time ?? TimeProvider.System).GetUtcNow());
            if (Attempts.Count <= failures)
            {
                if (!failWithResponse) throw new EventSinkException("connection refused (test)");
                var failed = batch.Select((e, i) => new IngestResult(i, e.Id, IngestStatus.Failed, "storage down")).ToList();
                return Task.FromResult(new IngestResponse(0, 0, 0, batch.Count, failed));
            }
            Delivered.Add([.. batch]);
            var results = batch.Select((e, i) => new IngestResult(i, e.Id, IngestStatus.Accepted)).ToList();
            return Task.FromResult(new IngestResponse(batch.Count, 0, 0, 0, results));
        }
    }
}

/// <summary>Collects log lines.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly object _gate = new();
    private readonly List<(LogLevel Level, string Message)> _lines = [];

    public List<(LogLevel Level, string Message)> Lines { get { lock (_gate) return [.. _lines]; } }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate) _lines.Add((logLevel, formatter(state, exception)));
    }
}
