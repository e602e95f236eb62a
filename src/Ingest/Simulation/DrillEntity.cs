using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest;

namespace CommandCenter.Simulation;

/// <summary>
/// An emergency drill (应急演练) every <see cref="SimulatorOptions.DrillEveryHours"/>: drill_started with a scenario
/// name and 1–3 streets, 6–15 drill alarms and 3–8 drill cases in the grids of those streets (each carrying
/// the drill id, all finished before the end), then drill_ended 30–60 min after the start.
/// The next drill is scheduled when this one starts, so a rejected drill does not stop the series.
/// </summary>
internal sealed class DrillEntity : SimEntity
{
    private readonly (string Name, string AlarmKind, string Category) _kind;
    private readonly Area[] _grids;
    private readonly TimeSpan _duration;
    private bool _started;

    public DrillEntity(ScenarioContext ctx)
    {
        Id = ctx.NextDrillId();
        _kind = ctx.Pick(SimNames.Drills);
        var streets = ctx.Sampler.StreetsWithGrids.ToArray();
        ctx.Random.Shuffle(streets);
        Streets = streets[..Math.Min(streets.Length, ctx.Random.Next(1, 4))];
        _grids = [.. Streets.SelectMany(ctx.Sampler.GridsOfStreet)];
        _duration = ctx.Minutes(30, 60);
    }

    public string Id { get; }
    public string[] Streets { get; }

    public static TimeSpan Every(SimulatorOptions o) => TimeSpan.FromHours(o.DrillEveryHours);

    public override void Fire(ScenarioContext ctx, DateTimeOffset at)
    {
        if (!_started) Start(ctx, at);
        else End(ctx);
    }

    private void Start(ScenarioContext ctx, DateTimeOffset at)
    {
        _started = true;
        ctx.Schedule(new DrillEntity(ctx), at + Every(ctx.Options));
        if (_grids.Length == 0) return;

        ctx.Drills[Id] = this;
        ctx.Emit(Event(ctx, EventType.DrillStarted, ctx.Pick(_grids)) with { DrillName = _kind.Name, DrillStreets = Streets });

        var minutes = _duration.TotalMinutes;
        for (int i = 0, n = ctx.Random.Next(6, 16); i < n; i++)
        {
            var grid = ctx.Pick(_grids);
            var alarm = new AlarmEntity(ctx.NextAlarmId(), _kind.AlarmKind, AlarmArrivals.RandomSeverity(ctx.Random), grid, ctx.Sampler.PointIn(grid))
            {
                Drill = this,
                Note = $"[演练] {SimNames.AlarmLabel(_kind.AlarmKind)}",
            };
            ctx.Schedule(alarm, at + ctx.Minutes(1, minutes - 15));   // + ack ≤ 3 + clear ≤ 10 → done before the end
        }
        for (int i = 0, n = ctx.Random.Next(3, 9); i < n; i++)
        {
            var grid = ctx.Pick(_grids);
            var reportAt = at + ctx.Minutes(1, minutes - 20);          // 6 moves × ≤ 3 min → done before the end
            var drillCase = new CaseEntity(ctx.NextCaseId(), _kind.Category, grid, ctx.Sampler.PointIn(grid), reportAt) { Drill = this };
            ctx.Schedule(drillCase, reportAt);
        }
        ctx.Schedule(this, at + _duration);
    }

    private void End(ScenarioContext ctx)
    {
        ctx.Emit(Event(ctx, EventType.DrillEnded, ctx.Pick(_grids)) with { DrillName = _kind.Name });
        ctx.Forget(this);
    }

    private WireEvent Event(ScenarioContext ctx, EventType type, Area grid) => new()
    {
        Id = ctx.NextEventId(),
        Type = type,
        OccurredAt = ctx.Now,
        Source = ctx.Source,
        GridCode = grid.Code,
        DrillId = Id,
    };
}
