using CommandCenter.Geography;

namespace CommandCenter.Simulation;

/// <summary>
/// All grid workers: every grid gets at least one worker while there are enough of them, ~75% work the day
/// shift and ~25% the night shift, and each walks a route of 6–10 positions inside the home grid.
/// </summary>
internal sealed class WorkerRoster
{
    private readonly PatrolWorker[] _day, _night;
    private readonly double _checkInsPerSecond;

    public WorkerRoster(ScenarioContext ctx, int count)
    {
        var grids = ctx.Sampler.Grids;
        var order = Enumerable.Range(0, grids.Count).ToArray();
        ctx.Random.Shuffle(order);
        var all = new List<PatrolWorker>(count);
        for (var i = 0; grids.Count > 0 && i < count; i++)
        {
            var grid = grids[order[i % order.Length]];
            var route = new GeoPoint[ctx.Random.Next(6, 11)];
            for (var k = 0; k < route.Length; k++) route[k] = ctx.Sampler.PointIn(grid);
            var day = ctx.Random.NextDouble() < 0.75;
            var id = FormattableString.Invariant($"gw-{i + 1:D5}");
            all.Add(new PatrolWorker(id, "网格员-" + SimNames.Person(ctx.Random), grid, route, day));
        }
        All = all;
        ById = all.ToDictionary(w => w.Id, StringComparer.Ordinal);
        _day = [.. all.Where(w => w.DayShift)];
        _night = [.. all.Where(w => !w.DayShift)];
        _checkInsPerSecond = ctx.Rates.CheckInsPerSecond;
    }

    public IReadOnlyList<PatrolWorker> All { get; }
    public IReadOnlyDictionary<string, PatrolWorker> ById { get; }

    public IReadOnlyList<PatrolWorker> Shift(bool day) => day ? _day : _night;

    /// <summary>Mean time between two check-ins of one worker, so the shift as a whole checks in at the target rate.</summary>
    public TimeSpan CheckInInterval(bool day) =>
        TimeSpan.FromSeconds(Math.Max(1, Shift(day).Count) / _checkInsPerSecond);

    /// <summary>Puts the shift on duty: each worker's first check-in falls uniformly within one interval.</summary>
    public void StartShift(ScenarioContext ctx, DateTimeOffset at, bool day)
    {
        var interval = CheckInInterval(day);
        foreach (var worker in Shift(day))
            if (!worker.Dead && !worker.Scheduled)
                worker.ScheduleNext(ctx, at + interval * ctx.Random.NextDouble());
    }

    /// <summary>A worker of the shift on duty at <paramref name="at"/>, or null when nobody is.</summary>
    public PatrolWorker? RandomOnDuty(ScenarioContext ctx, DateTimeOffset at)
    {
        var shift = Shift(BeijingShifts.IsDay(at));
        for (var tries = 0; tries < 4 && shift.Count > 0; tries++)
        {
            var worker = shift[ctx.Random.Next(shift.Count)];
            if (!worker.Dead) return worker;
        }
        return null;
    }

    /// <summary>Starts the shift on duty at the beginning and then every shift change (08:00 and 20:00 Beijing time).</summary>
    public sealed class ShiftChange : SimEntity
    {
        public override void Fire(ScenarioContext ctx, DateTimeOffset at)
        {
            ctx.Roster.StartShift(ctx, at, BeijingShifts.IsDay(at));
            ctx.Schedule(this, BeijingShifts.NextChange(at));
        }
    }
}
