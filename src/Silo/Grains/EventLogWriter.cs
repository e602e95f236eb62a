using System.Threading.Channels;
using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Live;

namespace CommandCenter.Grains;

/// <summary>
/// One per silo: the group commit for every grain on it. Grains hand it the events they applied and wait; it writes what
/// has queued up (up to <see cref="SiloOptions.MaxGroupEvents"/> events, from many grains) in one InfluxDB write, with up
/// to <see cref="SiloOptions.MaxWritesInFlight"/> writes at once, and completes each grain's wait when its events are
/// stored (or with the write's error). So 2,000 grid grains answering a 5,000-event batch cost a few writes, not 2,000.
/// </summary>
public sealed class EventLogWriter : IAsyncDisposable
{
    private sealed record Pending(IReadOnlyList<CountyEvent> Events, TaskCompletionSource Done);

    private readonly EventStore _store;
    private readonly SiloOptions _options;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public EventLogWriter(EventStore store, SiloOptions options)
    {
        _store = store;
        _options = options;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes when every event is in the event log; throws when the write failed (none of them may be).</summary>
    public Task AppendAsync(IReadOnlyList<CountyEvent> events)
    {
        if (events.Count == 0) return Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Pending(events, done))) done.SetException(new ObjectDisposedException(nameof(EventLogWriter)));
        return done.Task;
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        using var slots = new SemaphoreSlim(Math.Max(1, _options.MaxWritesInFlight));
        var writes = new List<Task>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(ct))
            {
                var group = new List<Pending>();
                var size = 0;
                while (size < _options.MaxGroupEvents && _queue.Reader.TryRead(out var p))
                {
                    group.Add(p);
                    size += p.Events.Count;
                }
                await slots.WaitAsync(ct);
                writes.RemoveAll(t => t.IsCompleted);
                writes.Add(WriteAsync(group, slots, ct));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        await Task.WhenAll(writes);
    }

    private async Task WriteAsync(List<Pending> group, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            var events = group.Count == 1 ? group[0].Events : group.SelectMany(p => p.Events).ToList();
            await _store.AppendAsync(events, ct);
            foreach (var p in group) p.Done.TrySetResult();
        }
        catch (Exception ex)
        {
            foreach (var p in group) p.Done.TrySetException(ex);
        }
        finally { slots.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(10)); } catch (TimeoutException) { }
        _stop.Cancel();
        while (_queue.Reader.TryRead(out var p)) p.Done.TrySetException(new ObjectDisposedException(nameof(EventLogWriter)));
        _stop.Dispose();
    }
}
