using CommandCenter.Geography;
using CommandCenter.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Simulation;

/// <summary>
/// Feeds the county: every FlushInterval it takes what the <see cref="CountyScenario"/> says is due now and sends
/// it in batches of ≤ BatchMaxSize, in order. A failed batch (exception or Failed &gt; 0) is kept and resent as is,
/// with the same ids, after a doubling backoff capped at RetryMaxDelay; nothing is dropped. One warning per outage.
/// While the backlog is over <see cref="MaxPending"/> the scenario is paused (it then skips the gap instead of
/// replaying it).
/// </summary>
public sealed class CountySimulator : BackgroundService
{
    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly IEventSink _sink;
    private readonly ILogger<CountySimulator> _logger;
    private readonly CountyScenario _scenario;
    private readonly SimulatorCounters _counters = new();
    private readonly Queue<WireEvent> _pending = new();
    private readonly RejectionLog _rejections;
    private WireEvent[]? _inFlight;
    private int _failures;
    private DateTimeOffset _outageSince;

    private readonly IHostApplicationLifetime? _lifetime;

    public CountySimulator(IOptions<SimulatorOptions> options, CountyMap map, TimeProvider timeProvider, IEventSink sink,
        ILogger<CountySimulator> logger, CountyScenario? scenario = null, IHostApplicationLifetime? lifetime = null)
    {
        _lifetime = lifetime;
        _options = options.Value;
        _time = timeProvider;
        _sink = sink;
        _logger = logger;
        _scenario = scenario ?? new CountyScenario(new Random(_options.Seed), map, _options);
        _rejections = new RejectionLog(logger, timeProvider);
        MaxPending = Math.Max(100_000, _options.BatchMaxSize * 20);
    }

    /// <summary>Counters for /healthz.</summary>
    public SimulatorStats Counters => _counters.Snapshot();

    /// <summary>Backlog above which the scenario is not stepped until sending catches up.</summary>
    public int MaxPending { get; init; }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (!_options.Enabled)
        {
            _logger.LogInformation("County simulator disabled");
            return;
        }
        if (_lifetime is not null && !_lifetime.ApplicationStarted.IsCancellationRequested)
        {
            // the ingest API it posts to is this host's own: wait until the server listens
            var started = new TaskCompletionSource();
            using var _ = _lifetime.ApplicationStarted.Register(() => started.TrySetResult());
            await started.Task.WaitAsync(ct);
        }
        _logger.LogInformation(
            "County simulator: {Rate} events/s, {Workers} workers, {Sensors} sensors, seed {Seed}, sending to {BaseAddress}",
            _options.EventsPerSecond, _scenario.WorkerCount, _options.Sensors, _options.Seed, _options.BaseAddress);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (_pending.Count < MaxPending) Generate();
                var ok = await SendPendingAsync(ct).ConfigureAwait(false);
                await Task.Delay(ok ? _options.FlushInterval : Backoff(), _time, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        var unsent = _pending.Count + (_inFlight?.Length ?? 0);
        if (unsent > 0)
            _logger.LogWarning("County simulator stopped with {Unsent} events not delivered", unsent);
    }

    private void Generate()
    {
        var due = _scenario.Step(_time.GetUtcNow());
        foreach (var e in due) _pending.Enqueue(e);
        _counters.Generated(due.Count);
    }

    /// <summary>Sends the in-flight batch, then the backlog; false when a send failed (the batch is kept).</summary>
    private async Task<bool> SendPendingAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && (_inFlight is not null || _pending.Count > 0))
        {
            _inFlight ??= TakeBatch();
            IngestResponse response;
            try
            {
                response = await _sink.SendAsync(_inFlight, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                Failed(e is EventSinkException ? e.Message : $"{e.GetType().Name}: {e.Message}");
                return false;
            }
            if (response.Failed > 0)
            {
                Failed($"the server could not store {response.Failed} of {_inFlight.Length} events");
                return false;
            }
            Delivered(_inFlight, response);
            _inFlight = null;
        }
        return true;
    }

    private WireEvent[] TakeBatch()
    {
        var batch = new WireEvent[Math.Min(_options.BatchMaxSize, _pending.Count)];
        for (var i = 0; i < batch.Length; i++) batch[i] = _pending.Dequeue();
        return batch;
    }

    private void Delivered(WireEvent[] batch, IngestResponse response)
    {
        var now = _time.GetUtcNow();
        _counters.Delivered(batch.Length, response.Accepted, response.Duplicates, response.Rejected, now);
        _scenario.OnResults(batch, response);
        if (response.Rejected > 0) _rejections.Add(batch, response);
        if (_failures > 0)
        {
            _logger.LogInformation("Ingest reachable again after {Duration} and {Attempts} failed attempts",
                now - _outageSince, _failures);
            _failures = 0;
        }
    }

    private void Failed(string reason)
    {
        _counters.FailedAttempt(_inFlight!.Length);
        if (_failures++ == 0)
        {
            _outageSince = _time.GetUtcNow();
            _logger.LogWarning("Ingest unavailable ({Reason}); keeping {Pending} events and retrying with backoff up to {MaxDelay}",
                reason, _pending.Count + _inFlight.Length, _options.RetryMaxDelay);
        }
    }

    private TimeSpan Backoff()
    {
        var factor = Math.Pow(2, Math.Min(_failures - 1, 20));
        var delay = _options.RetryBaseDelay * factor;
        return delay < _options.RetryMaxDelay ? delay : _options.RetryMaxDelay;
    }
}
