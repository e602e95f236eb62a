using CommandCenter.Command;

namespace CommandCenter.Model;

// The serialisable form of every grain's state (a model snapshot). Plain records: System.Text.Json writes
// and reads them; the grain classes convert to and from them (ToState / FromState) and hold the rules.

/// <summary>Everything a <see cref="CountyModel"/> holds except its duplicate index (stored apart, in segments).</summary>
public sealed record ModelState(
    int Rules, long LastSeq, DateTimeOffset? Now, List<GridSnapshot> Grids, List<AreaSnapshot> Aggregates,
    List<DrillRecord> RunningDrills, List<DrillRecord> EndedDrills, LocatorSnapshot Locator, BoardState Board,
    List<Supplies.DepotSnapshot>? Depots = null);

/// <summary>A grid grain: figures as last refreshed, the six running counters, open alarms and cases, workers present.</summary>
public sealed record GridSnapshot(string Code, DateTimeOffset? LastPatrolledAt, StatusLevel Level, long[] Figures, long[] Counters,
    List<AlarmRecord> Alarms, List<CaseRecord> Cases, List<WorkerPresence> Workers, List<Warnings.SensorState>? Sensors = null);

/// <summary>A community, street or the county: its sums and the oldest unacknowledged alarm of each child.</summary>
public sealed record AreaSnapshot(string Code, long[] Figures, Dictionary<string, DateTimeOffset> OldestByChild, DateTimeOffset? OldestUnackedAt);

public sealed record LocatorSnapshot(Dictionary<string, string> Alarms, Dictionary<string, string> Cases, Dictionary<string, string> Workers);

public sealed record BoardState(List<IncidentRecord> Open, List<IncidentRecord> Closed, List<WhistleState> Whistles,
    Dictionary<string, string> BusyUnits, Dictionary<string, string> OrderIncident, Dictionary<string, string> Linked);

public sealed record WhistleState(WhistleRecord Whistle, List<ReportInState> ReportIns);

public sealed record ReportInState(string Department, DateTimeOffset? Acknowledged, DateTimeOffset? Arrived);
