using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Views;

namespace CommandCenter.Wall;

/// <summary>One open alarm as the wall draws it.</summary>
public sealed record WallAlarm(string Id, string Grid, int Severity, string Kind, DateTimeOffset RaisedAt, bool Acked,
    string? AckedBy, double? Lon, double? Lat, string? DrillId, int Escalation);

/// <summary>
/// A warning up (风险预警) as the wall draws it: a coloured sensor on the map and a row with its reading, how long it has
/// been up and the sensor's trend (the last reading of each minute, oldest first: the sparkline).
/// </summary>
public sealed record WallWarning(string Sensor, string Kind, string Unit, int Level, string Cause, DateTimeOffset Since, double Value,
    DateTimeOffset ReadAt, string Grid, double? Lon, double? Lat, double[] Trend);

/// <summary>A recent check-in dot.</summary>
public sealed record WallCheckIn(string Worker, string Grid, double Lon, double Lat, DateTimeOffset At, bool Drill);

/// <summary>A row of the live event feed.</summary>
public sealed record WallFeedItem(long Seq, string Type, string Grid, DateTimeOffset At, string? Severity, string? State,
    string? Alarm, string? Case, string? Actor, string? Drill, string? Kind);

/// <summary>The full picture a screen starts from (and resyncs to after every reconnect).</summary>
public sealed record WallSnapshot(long Version, string Build, DateTimeOffset At, AreaSummary County, IReadOnlyList<AreaSummary> Streets,
    IReadOnlyList<GridSummary> Grids, IReadOnlyList<WallAlarm> Alarms, IReadOnlyList<WallCheckIn> CheckIns,
    IReadOnlyList<WallFeedItem> Feed, IReadOnlyList<DrillRecord> Drills, double[] EscalationMinutes, Dispatch.BoardView Board,
    IReadOnlyList<WallWarning> Warnings, Dispatch.SupplyView? Supplies = null);

/// <summary>
/// What changed since the previous delta. Drills, Board and Supplies are the full current state when present (null = unchanged).
/// Alarms when they changed: <see cref="AlarmIds"/> is the whole list a screen shows, in order; <see cref="AlarmsChanged"/>
/// holds only the alarms that are new or differ from the previous delta — a screen keeps the rest from before
/// (js/live.js rebuilds the list, and asks for a snapshot if an id is unknown to it).
/// </summary>
public sealed record WallDelta(long Version, DateTimeOffset At, AreaSummary County, IReadOnlyList<AreaSummary> Streets,
    IReadOnlyList<GridSummary> Grids, IReadOnlyList<string>? AlarmIds, IReadOnlyList<WallAlarm>? AlarmsChanged, IReadOnlyList<WallCheckIn> CheckIns,
    IReadOnlyList<WallFeedItem> Feed, IReadOnlyList<DrillRecord>? Drills, Dispatch.BoardView? Board, IReadOnlyList<WallWarning>? Warnings = null,
    Dispatch.SupplyView? Supplies = null);

public static class WallFeed
{
    public static WallFeedItem Of(CountyEvent e) => new(e.Seq, e.Type.ToWire(), e.GridCode, e.OccurredAt,
        e.Severity is { } s ? Severity.Roman(s) : null, e.CaseState?.ToWire(), e.AlarmId, e.CaseId, e.Actor, e.DrillId ?? null,
        e.Type == EventType.DrillStarted ? e.DrillName : e.AlarmKind);

    /// <summary>A sensor reading: a point of its sensor's trend, never a feed row (thousands a second would drown the feed).</summary>
    public static bool IsReading(CountyEvent e) => e.Type == EventType.SensorReading;

    /// <summary>A check-in with a position: a dot on the map.</summary>
    public static bool IsCheckIn(CountyEvent e) => e.Type == EventType.PatrolCheckIn && e.Lon is not null && e.Lat is not null;

    public static WallCheckIn? CheckIn(CountyEvent e) =>
        IsCheckIn(e) ? new WallCheckIn(e.WorkerId!, e.GridCode, e.Lon!.Value, e.Lat!.Value, e.OccurredAt, e.IsDrill) : null;
}
