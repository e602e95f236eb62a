using System.Threading.Channels;
using CommandCenter.Events;
using Microsoft.Extensions.Logging;

namespace CommandCenter.EventLog;

/// <summary>What a grid grain starts from: its newest snapshot (if any) and the events of its series after the snapshot's
/// Seq less the duplicate window (those up to the Seq are only remembered as duplicates), or its whole series.</summary>
public sealed record GridHistory(GridSnapshotPoint? Snapshot, List<CountyEvent> Events);

/// <summary>
/// Reads grids' snapshots and series of the event log for the grid grains activating on this silo, many grids per query:
/// when a silo starts, all 2,400 grids activate at once, and one InfluxDB query per grid made that the slowest part of a
/// start. Requests that arrive while a query runs are answered by the next one (up to <see cref="MaxGrids"/> grids each);
/// every grid gets exactly its own events, in Seq order, as <see cref="EventStore.ReadGridAsync"/> would give them.
/// </summary>
public sealed class GridLogReader : IAsyncDisposable
{
    public const int MaxGrids = 200;
    private const int Readers = 2;

    private readonly EventStore _store;
    private readonly GridSnapshotStore _snapshots;
    private readonly long _windowNs;
    private readonly ILogger<GridLogReader> _log;
    private readonly Channel<Request> _requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;

    public GridLogReader(EventStore store, GridSnapshotStore snapshots, Live.SiloOptions options, ILogger<GridLogReader> log)
    {
        (_store, _snapshots, _log) = (store, snapshots, log);
        _windowNs = options.DedupeWindow.Ticks * 100;
        _loops = Enumerable.Range(0, Readers).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    private sealed record Request(string Grid, TaskCompletionSource<GridHistory> Answer);

    /// <summary>The grid's newest snapshot and the stored events it needs after it (all of them without one), in Seq order.</summary>
    public async Task<GridHistory> ReadAsync(string grid, CancellationToken ct)
    {
        var answer = new TaskCompletionSource<GridHistory>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_requests.Writer.TryWrite(new Request(grid, answer))) throw new ObjectDisposedException(nameof(GridLogReader));
        return await answer.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var batch = new List<Request>(MaxGrids);
        try
        {
            while (await _requests.Reader.WaitToReadAsync(_stop.Token))
            {
                batch.Clear();
                while (batch.Count < MaxGrids && _requests.Reader.TryRead(out var r)) batch.Add(r);
                if (batch.Count > 0) await ReadBatchAsync(batch);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
        foreach (var r in batch) r.Answer.TrySetCanceled();
    }

    private async Task ReadBatchAsync(List<Request> batch)
    {
        var byGrid = new Dictionary<string, List<CountyEvent>>(StringComparer.Ordinal);
        foreach (var r in batch) byGrid.TryAdd(r.Grid, []);
        try
        {
            var snapshots = await _snapshots.ReadNewestAsync(byGrid.Keys, _stop.Token);
            // grids with a snapshot: their events from the snapshot less the duplicate window on; the others: all of them
            var withSnapshot = byGrid.Keys.Where(snapshots.ContainsKey).ToList();
            var without = byGrid.Keys.Where(g => !snapshots.ContainsKey(g)).ToList();
            if (without.Count > 0) await CollectAsync(without, 0, byGrid, _ => 0);
            if (withSnapshot.Count > 0)
                await CollectAsync(withSnapshot, withSnapshot.Min(g => snapshots[g].Seq) - _windowNs, byGrid, g => snapshots[g].Seq - _windowNs);
            // each request its own list: two requests for one grid (a grain activating again) must not share one
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in batch)
                r.Answer.TrySetResult(new GridHistory(snapshots.GetValueOrDefault(r.Grid), given.Add(r.Grid) ? byGrid[r.Grid] : [.. byGrid[r.Grid]]));
        }
        catch (Exception ex)
        {
            _log.LogDebug("reading {Count} grids' series failed: {Error}", batch.Count, ex.Message);
            foreach (var r in batch) r.Answer.TrySetException(ex);
        }
    }

    private async Task CollectAsync(List<string> grids, long afterSeq, Dictionary<string, List<CountyEvent>> byGrid, Func<string, long> from)
    {
        await foreach (var e in _store.ReadGridsAsync(grids, _stop.Token, Math.Max(0, afterSeq)))
            if (e.GridCode is { } g && byGrid.TryGetValue(g, out var list) && e.Seq > from(g)) list.Add(e);
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        _stop.Cancel();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }
}
