using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest;

namespace CommandCenter.TestSupport;

/// <summary>Wire events against the demo county, with unique ids per test run.</summary>
public static class Wire
{
    public static readonly CountyMap Map = DemoCountyGenerator.Generate();
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];
    private static int _n;

    public static string Id(string prefix = "e") => $"{prefix}-{Run}-{Interlocked.Increment(ref _n)}";
    public static string Grid(int i) => Map.Grids[i].Code;
    public static DateTimeOffset Now => DateTimeOffset.UtcNow;

    public static WireEvent Drill(string drillId, EventType type, string name, params string[] streets) => new()
    {
        Id = Id(), Type = type, OccurredAt = Now, DrillId = drillId, DrillName = name, DrillStreets = streets.Length == 0 ? null : streets,
    };

    public static WireEvent CheckIn(int grid, string worker) => new()
    {
        Id = Id(), Type = EventType.PatrolCheckIn, OccurredAt = Now, WorkerId = worker,
        Lon = Map.Grids[grid].LabelPoint.Lon, Lat = Map.Grids[grid].LabelPoint.Lat,
    };

    /// <summary>A gauge's reading in grid <paramref name="grid"/>, taken <paramref name="minutesAgo"/> minutes ago.</summary>
    public static WireEvent Reading(int grid, string sensor, string kind, double value, double minutesAgo = 0) => new()
    {
        Id = Id("r"), Type = EventType.SensorReading, OccurredAt = Now.AddMinutes(-minutesAgo), GridCode = Grid(grid),
        SensorId = sensor, SensorKind = kind, Value = value,
    };

    public static WireEvent Raise(int grid, string alarm, int severity) => new()
    {
        Id = Id(), Type = EventType.AlarmRaised, OccurredAt = Now, GridCode = Grid(grid), AlarmId = alarm,
        Severity = severity, AlarmKind = "smoke", Note = "烟感报警, \"3号楼\"\n二单元, a=b\\c",
    };

    public static WireEvent Ack(string alarm, string actor = "值班员-王芳") => new()
    {
        Id = Id(), Type = EventType.AlarmAcknowledged, OccurredAt = Now, AlarmId = alarm, Actor = actor,
    };

    public static WireEvent Case(int grid, string caseId, CaseState state, string category = "sanitation") => new()
    {
        Id = Id(), Type = EventType.CaseChanged, OccurredAt = Now, GridCode = Grid(grid), CaseId = caseId,
        CaseState = state, Category = category,
    };
}
