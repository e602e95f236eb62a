using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Live;
using CommandCenter.Model;
using CommandCenter.Screens;
using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>县/区 grain: the sum of its streets (<see cref="AreaGrain"/>) and the drills (演练) register, a shell over <see cref="CountyState"/>.</summary>
public sealed class CountyGrain(CountyMap map, EventStore store, EventLogWriter writer, TimeProvider time, SiloOptions options,
    ScreenOutbox screens, GrainRefs refs)
    : AreaGrain(map, time, refs), ICountyGrain
{
    private CountyState _drills = null!;
    private OwnedLog _log = null!;

    protected override AreaTotals CreateTotals() => new CountyState(Code, Map.Grids.Count);
    protected override Task<AreaReport> ChildReport(string code) => Refs.Street(code).Report();
    protected override IAreaGrain? ParentGrain() => null;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        if (Code != Map.County.Code) throw new ArgumentException($"{Code} is not the county");
        // the drills live in their own CountyState: the sums are the base class's, kept from the streets' reports
        _drills = new CountyState(Code, Map.Grids.Count);
        _log = new OwnedLog(writer, time, options.DedupeWindow);
        await _log.ReplayAsync(store.ReadTypesAsync([EventType.DrillStarted, EventType.DrillEnded], ct), e => { _drills.Apply(e); return true; }, ct);
        await base.OnActivateAsync(ct);
    }

    public async Task<Immutable<ApplyOutcome[]>> Apply(Immutable<CountyEvent[]> events)
    {
        var (outcomes, applied, stored) = await _log.ApplyAndStoreAsync(events.Value, _ => Code, _drills.Apply);
        if (!stored) DeactivateOnIdle();
        else if (applied.Count > 0) screens.Drills([.. _drills.RunningDrills], [.. _drills.EndedDrills], applied);
        return outcomes.AsImmutable();
    }

    public Task<Immutable<DrillRecord[]>> RunningDrills() => Task.FromResult(_drills.RunningDrills.ToArray().AsImmutable());
    public Task<Immutable<DrillRecord[]>> EndedDrills() => Task.FromResult(_drills.EndedDrills.ToArray().AsImmutable());

    public Task<DrillsCapture?> CaptureDrillsAt(DateTimeOffset at) =>
        Task.FromResult(_log.HoldBefore(at) ? new DrillsCapture([.. _drills.RunningDrills], [.. _drills.EndedDrills], _log.LastSeq, _log.Count) : null);
}
