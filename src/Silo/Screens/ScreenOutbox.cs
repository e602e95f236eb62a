using CommandCenter.Command;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Model;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace CommandCenter.Screens;

/// <summary>
/// One per silo: what the grains on this silo changed, collected every <see cref="Interval"/> (a grid that changed ten
/// times meanwhile is sent once, in its latest state), handed to this silo's own screens directly and to the other silos'
/// through the screen relay. Grains hand it their state after a stored batch, a timer change or a worker leaving, before
/// they answer; it never blocks them. A screen read flushes it first (<see cref="FlushAsync"/>), so a change answered
/// before the read is in what it reads — for grains on the same silo.
/// </summary>
public sealed class ScreenOutbox : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly IGrainFactory _grains;
    private readonly CountyMap _map;
    private readonly ILogger<ScreenOutbox> _log;
    private readonly Lock _lock = new();
    private Dictionary<string, GridChange> _grids = new(StringComparer.Ordinal);
    private List<CountyEvent> _events = [];
    private BoardState? _board;
    private (DrillRecord[] Running, DrillRecord[] Ended)? _drills;
    private Dictionary<string, Supplies.DepotSnapshot> _depots = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private readonly SemaphoreSlim _flush = new(1, 1);

    public ScreenOutbox(IGrainFactory grains, CountyMap map, ILocalSiloDetails silo, ILogger<ScreenOutbox> log)
    {
        (_grains, _map, _log) = (grains, map, log);
        SiloKey = silo.SiloAddress.ToParsableString();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>This silo, as the relay knows it.</summary>
    public string SiloKey { get; }

    /// <summary>This silo's screens (none in a silo without them), given each batch first and directly.</summary>
    public IScreenObserver? Local { get; set; }

    public void Grid(GridSnapshot state, long version, IReadOnlyList<CountyEvent> stored)
    {
        lock (_lock)
        {
            if (!_grids.TryGetValue(state.Code, out var had) || had.Version < version) _grids[state.Code] = new GridChange(state, version);
            _events.AddRange(stored);
        }
    }

    public void Board(BoardState board, IReadOnlyList<CountyEvent> stored)
    {
        lock (_lock)
        {
            _board = board;
            _events.AddRange(stored);
        }
    }

    public void Drills(DrillRecord[] running, DrillRecord[] ended, IReadOnlyList<CountyEvent> stored)
    {
        lock (_lock)
        {
            _drills = (running, ended);
            _events.AddRange(stored);
        }
    }

    public void Depot(Supplies.DepotSnapshot depot, IReadOnlyList<CountyEvent> stored)
    {
        lock (_lock)
        {
            _depots[depot.DepotId] = depot;
            _events.AddRange(stored);
        }
    }

    private ScreenBatch? Take()
    {
        lock (_lock)
        {
            if (_grids.Count == 0 && _events.Count == 0 && _board is null && _drills is null && _depots.Count == 0) return null;
            var batch = new ScreenBatch([.. _grids.Values], _board, _drills?.Running, _drills?.Ended, _events, _depots.Count > 0 ? [.. _depots.Values] : null);
            (_grids, _events, _board, _drills, _depots) = (new(StringComparer.Ordinal), [], null, null, new(StringComparer.Ordinal));
            return batch;
        }
    }

    /// <summary>Sends what has been collected now: to this silo's screens (done when this returns) and to the relay.</summary>
    public async Task FlushAsync()
    {
        await _flush.WaitAsync();
        try
        {
            if (Take() is not { } batch) return;
            var shared = batch.AsImmutable();
            if (Local is { } local) await local.Changed(shared);
            try { await _grains.GetGrain<IScreenRelayGrain>(_map.County.Code).Publish(shared, SiloKey); }
            catch (Exception ex) { _log.LogWarning("screen batch of {Grids} grids not sent to other silos: {Error}", batch.Grids.Count, ex.Message); }
        }
        finally { _flush.Release(); }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) await FlushAsync();
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }
}
