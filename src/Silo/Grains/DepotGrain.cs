using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Live;
using CommandCenter.Model;
using CommandCenter.Screens;
using CommandCenter.Supplies;
using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>
/// 物资储备点 grain: a shell over <see cref="DepotStock"/>. Events are stamped in the depot's grid (its series of the log),
/// stored before the answer, and rebuilt from that series on activation. Supply-order moves are told to the board for its
/// incidents' timelines (one-way, after they are stored), as grids tell it acknowledgements.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class DepotGrain(CountyMap map, EventStore store, EventLogWriter writer, TimeProvider time, SiloOptions options,
    ScreenOutbox screens, GrainRefs refs) : Grain, IDepotGrain
{
    private DepotStock _stock = null!;
    private OwnedLog _log = null!;
    private Poi _depot = null!;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        var id = this.GetPrimaryKeyString();
        _depot = map.Pois.FirstOrDefault(p => p.Id == id && p.Kind == PoiKind.SupplyDepot)
            ?? throw new ArgumentException($"{id} is not a supply depot of the county");
        _stock = new DepotStock(id);
        _log = new OwnedLog(writer, time, options.DedupeWindow);
        // stored, so each was accepted
        await _log.ReplayAsync(store.ReadDepotAsync(id, _depot.GridCode, ct), e => { _stock.Apply(e); return true; }, ct);
    }

    public async Task<Immutable<ApplyOutcome[]>> Apply(Immutable<CountyEvent[]> events)
    {
        var (outcomes, applied, stored) = await _log.ApplyAndStoreAsync(events.Value, _ => _depot.GridCode, _stock.Apply);
        if (!stored)
        {
            // ahead of the log: rebuild from it before serving again
            await OnActivateAsync(CancellationToken.None);
            return outcomes.AsImmutable();
        }
        if (applied.Count == 0) return outcomes.AsImmutable();
        screens.Depot(_stock.ToState(), applied);
        if (applied.Where(e => e.Type == EventType.SupplyOrderChanged).ToArray() is { Length: > 0 } orders)
            await refs.Board(map.County.Code).Observe(orders.AsImmutable()); // one-way: does not wait for the board
        return outcomes.AsImmutable();
    }

    public Task<Immutable<DepotSnapshot>> Capture() => Task.FromResult(_stock.ToState().AsImmutable());

    public Task<DepotCapture?> CaptureAt(DateTimeOffset at) =>
        Task.FromResult(_log.HoldBefore(at) ? new DepotCapture(_stock.ToState(), _log.LastSeq, _log.Count) : null);
}
