using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest;

namespace CommandCenter.Simulation;

/// <summary>
/// A grid worker (网格员): walks a fixed patrol route of positions inside the home grid and checks in at
/// the next position every few minutes (the interval scales with the target rate) while on shift.
/// Check-ins carry workerId and lon/lat only: the server resolves the grid.
/// </summary>
internal sealed class PatrolWorker(string id, string name, Area grid, GeoPoint[] route, bool dayShift) : SimEntity
{
    private int _position;

    public string Id { get; } = id;
    public string Name { get; } = name;
    public Area Grid { get; } = grid;
    public bool DayShift { get; } = dayShift;
    public IReadOnlyList<GeoPoint> Route => route;

    /// <summary>True while a next check-in is on the timeline (so a shift start does not schedule a second one).</summary>
    public bool Scheduled { get; set; }

    /// <summary>Where the worker stands now (the last check-in position).</summary>
    public GeoPoint Position => route[_position];

    public override void Fire(ScenarioContext ctx, DateTimeOffset at)
    {
        Scheduled = false;
        if (BeijingShifts.IsDay(at) != DayShift) return; // shift over: the next shift start picks the worker up

        _position = (_position + 1) % route.Length;
        ctx.Emit(new WireEvent
        {
            Id = ctx.NextEventId(),
            Type = EventType.PatrolCheckIn,
            OccurredAt = ctx.Now,
            Source = ctx.Source,
            WorkerId = Id,
            Lon = Position.Lon,
            Lat = Position.Lat,
            Actor = Name,
        });
        ScheduleNext(ctx, at + ctx.Roster.CheckInInterval(DayShift) * ctx.Uniform(0.7, 1.3));
    }

    public void ScheduleNext(ScenarioContext ctx, DateTimeOffset at)
    {
        ctx.Schedule(this, at);
        Scheduled = true;
    }
}
