using System.Threading.Channels;
using CommandCenter.Events;
using Microsoft.Extensions.Logging;

namespace CommandCenter.EventLog;

/// <summary>
/// Reads grids' series of the event log for the grid grains activating on this silo, many grids per query: when a silo
/// starts, all 2,400 grids activate at once, and one InfluxDB query per grid made that the slowest part of a start.
/// Requests that arrive while a query runs are answered by the next one (up to <see cref="MaxGrids"/> grids each); every
/// grid gets exactly its own events, in Seq order, as <see cref="EventStore.ReadGridAsync"/> would give them.
/// </summary>
public sealed class GridLogReader : IAsyncDisposable
{
    public const int MaxGrids = 200;
    private const int Readers = 2;

    private readonly EventStore _store;
    private readonly ILogger<GridLogReader> _log;
    private readonly Channel<Request> _requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;

    public GridLogReader(EventStore store, ILogger<GridLogReader> log)
    {
        (_store, _log) = (store, log);
        _loops = Enumerable.Range(0, Readers).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    private sealed record Request(string Grid, TaskCompletionSource<List<CountyEvent>> Answer);

    /// <summary>Every stored event of the grid, in Seq order.</summary>
    public async Task<List<CountyEvent>> ReadAsync(string grid, CancellationToken ct)
    {
        var answer = new TaskCompletionSource<List<CountyEvent>>(TaskCreationOptions.RunContinuationsAsynchronously);
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
            await foreach (var e in _store.ReadGridsAsync(byGrid.Keys, _stop.Token))
                if (e.GridCode is { } g && byGrid.TryGetValue(g, out var list)) list.Add(e);
            // each request its own list: two requests for one grid (a grain activating again) must not share one
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in batch) r.Answer.TrySetResult(given.Add(r.Grid) ? byGrid[r.Grid] : [.. byGrid[r.Grid]]);
        }
        catch (Exception ex)
        {
            _log.LogDebug("reading {Count} grids' series failed: {Error}", batch.Count, ex.Message);
            foreach (var r in batch) r.Answer.TrySetException(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        _stop.Cancel();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }
}
