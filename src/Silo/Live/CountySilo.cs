using SiloStatus = CommandCenter.Live.SiloStatus;
using System.Threading.Channels;
using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Ingest;
using CommandCenter.Views;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Live;

/// <summary>
/// The live silo in single-process mode: one mailbox in front of the county's grains. Events are applied
/// in arrival order, then the whole group is written to the event log in one InfluxDB write (group
/// commit) before anyone is told "accepted". If that write fails the grains may be ahead of the log, so
/// the silo refuses new events (failed, retry) until it has rebuilt the grains from the log.
/// </summary>
public sealed partial class CountySilo(CountyModelFactory models, EventStore store, TimeProvider time, SiloOptions options, ILogger<CountySilo> log)
    : IEventPipeline, ILiveCounty
{
    private readonly Channel<SiloMessage> _mailbox = Channel.CreateUnbounded<SiloMessage>(new() { SingleReader = true });
    private readonly SeqClock _clock = new(time);
    private CountyModel _model = models.Create();
    private long _version;

    public SiloStatus Status { get; private set; } = SiloStatus.Starting;
    public long EventsApplied { get; private set; }
    public DateTimeOffset? LastTickAt { get; private set; }

    /// <summary>Raised on the silo's own loop after each step; handlers must only hand the update on.</summary>
    public event Action<LiveUpdate>? Updated;

    public async Task RunAsync(CancellationToken ct)
    {
        while (true)
        {
            try { await RebuildAsync(ct); break; }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                log.LogWarning("cannot rebuild the grains from the event log yet ({Error}); retrying", ex.Message);
                await Task.Delay(options.RecoveryRetry, time, ct);
            }
        }
        using var ticker = StartTicker(ct);
        await foreach (var message in _mailbox.Reader.ReadAllAsync(ct))
        {
            try { await HandleAsync(message, ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (Exception ex) { log.LogError(ex, "silo step failed: {Message}", message.GetType().Name); }
        }
    }

    public async Task<ApplyOutcome[]> SubmitAsync(IReadOnlyList<CountyEvent> events, CancellationToken ct = default)
    {
        if (events.Count == 0) return [];
        var done = new TaskCompletionSource<ApplyOutcome[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _mailbox.Writer.WriteAsync(new SiloMessage.Submit(events, done), ct);
        return await done.Task.WaitAsync(ct);
    }

    /// <summary>Runs <paramref name="read"/> on the silo's loop, between two steps, and returns its result.</summary>
    public async Task<T> ReadAsync<T>(Func<CountyModel, T> read, CancellationToken ct = default)
    {
        T result = default!;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _mailbox.Writer.WriteAsync(new SiloMessage.Read(m => result = read(m), done), ct);
        await done.Task.WaitAsync(ct);
        return result;
    }

    private Task HandleAsync(SiloMessage message, CancellationToken ct) => message switch
    {
        SiloMessage.Submit first => CommitGroupAsync(first, ct),
        SiloMessage.Tick => Task.Run(TickNow, ct),
        SiloMessage.Read r => Task.Run(() => RunRead(r), ct),
        SiloMessage.Recover => RecoverAsync(ct),
        _ => Task.CompletedTask,
    };

    private void RunRead(SiloMessage.Read r)
    {
        try { r.Reader(_model); r.Done.SetResult(); }
        catch (Exception ex) { r.Done.SetException(ex); }
    }

    private void TickNow()
    {
        var now = time.GetUtcNow();
        _model.Tick(now);
        LastTickAt = now;
        Publish(now, []);
    }

    private IDisposable StartTicker(CancellationToken ct) =>
        time.CreateTimer(_ => _mailbox.Writer.TryWrite(new SiloMessage.Tick()), null, options.TickInterval, options.TickInterval);

    private void Publish(DateTimeOffset at, IReadOnlyList<CountyEvent> events)
    {
        if (TakeUpdate(at, events) is { } update) Updated?.Invoke(update);
    }

    private static ApplyOutcome Failed(string why) => new(IngestStatus.Failed, null, new Refusal("storage_unavailable", why));
}
