using CommandCenter.Geography;

namespace CommandCenter.Model.Warnings;

/// <summary>
/// One sensor as its grid knows it: the recent trend (the last reading of each minute, for <see cref="TrendWindow"/>) and the
/// warning it has up. Deterministic: a function of its readings (by their own time) and the time it is asked at, so replay
/// at T equals live at T. Readings older than the newest one held are kept for the log but change nothing here.
/// </summary>
public sealed class SensorTrack
{
    /// <summary>How much trend a sensor keeps (the sparkline's span; the longest rise window must fit in it).</summary>
    public static readonly TimeSpan TrendWindow = TimeSpan.FromHours(2);

    private readonly List<SensorPoint> _trend = [];

    public SensorTrack(string id, string kind, GeoPoint? position)
    {
        Id = id;
        Kind = kind;
        Position = position;
    }

    public string Id { get; }
    public string Kind { get; }
    public GeoPoint? Position { get; private set; }
    public double Value { get; private set; }
    public DateTimeOffset ReadAt { get; private set; }
    public IReadOnlyList<SensorPoint> Trend => _trend;
    /// <summary>The level reached by thresholds (with hysteresis) and by the rise rule; 0 when none.</summary>
    public int ThresholdLevel { get; private set; }
    public int RiseLevel { get; private set; }
    public DateTimeOffset? WarningSince { get; private set; }

    /// <summary>Takes a reading (its own time <paramref name="at"/>): the trend, the threshold and rise levels, since when.</summary>
    public void Read(double value, DateTimeOffset at, GeoPoint? position, WarningRule? rule)
    {
        if (_trend.Count > 0 && at < ReadAt) return; // an older reading arriving late: the trend is by the sensor's own time
        Value = value;
        ReadAt = at;
        if (position is not null) Position = position;
        var minute = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        if (_trend.Count > 0 && _trend[^1].At == minute) _trend[^1] = new SensorPoint(minute, value);
        else _trend.Add(new SensorPoint(minute, value));
        var keepFrom = at - TrendWindow;
        var drop = 0;
        while (drop < _trend.Count && _trend[drop].At < keepFrom) drop++;
        if (drop > 0) _trend.RemoveRange(0, drop);
        if (rule is null) return;

        var before = Level();
        var reached = rule.LevelOf(value); // 1 (red) … 4 (blue); 0 below blue
        if (reached > 0 && (ThresholdLevel == 0 || reached < ThresholdLevel)) ThresholdLevel = reached; // more severe: at once
        else if (ThresholdLevel > 0 && !rule.Holds(ThresholdLevel, value))
        {
            // back past the held level's threshold by the margin: down to the most severe level that still holds (or none)
            var down = 0;
            for (var l = ThresholdLevel + 1; l <= 4 && down == 0; l++)
                if (rule.Holds(l, value)) down = l;
            ThresholdLevel = down;
        }

        if (rule.RiseLimit is { } limit)
        {
            var rise = Rise(at, rule);
            RiseLevel = rise > limit ? rule.RiseLevel : RiseLevel > 0 && rise > limit - rule.Hysteresis ? RiseLevel : 0;
        }
        var after = Level();
        if (after.Level == 0) WarningSince = null;
        else if (before.Level == 0 || after.Cause != before.Cause || after.Level != before.Level) WarningSince = at;
    }

    /// <summary>How far the reading moved in the danger's direction within the rule's window (now minus the window's extreme).</summary>
    private double Rise(DateTimeOffset at, WarningRule rule)
    {
        var from = at - rule.RiseWindow;
        var extreme = Value;
        foreach (var p in _trend)
            if (p.At >= from) extreme = rule.FallingIsDanger ? Math.Max(extreme, p.Value) : Math.Min(extreme, p.Value);
        return rule.FallingIsDanger ? extreme - Value : Value - extreme;
    }

    /// <summary>The warning this sensor shows at <paramref name="now"/> (most severe of threshold and rise; silent when it has not reported), or null.</summary>
    public SensorWarning? WarningAt(DateTimeOffset now, WarningRule? rule)
    {
        if (rule is null) return null;
        if (now - ReadAt > rule.SilentAfter) return new SensorWarning(Id, Kind, 4, WarningCause.Silent, ReadAt + rule.SilentAfter, Value, ReadAt);
        var (level, cause) = Level();
        return level == 0 ? null : new SensorWarning(Id, Kind, level, cause, WarningSince ?? ReadAt, Value, ReadAt);
    }

    private (int Level, WarningCause Cause) Level()
    {
        // level 1 is the most severe: the smaller non-zero level wins
        if (ThresholdLevel > 0 && (RiseLevel == 0 || ThresholdLevel <= RiseLevel)) return (ThresholdLevel, WarningCause.Threshold);
        if (RiseLevel > 0) return (RiseLevel, WarningCause.Rise);
        return (0, WarningCause.Threshold);
    }

    /// <summary>The state to store and copy (snapshots, screens).</summary>
    public SensorState ToState() => new(Id, Kind, Position, Value, ReadAt, [.. _trend], ThresholdLevel, RiseLevel, WarningSince);

    public static SensorTrack FromState(SensorState s)
    {
        var t = new SensorTrack(s.Id, s.Kind, s.Position)
        {
            Value = s.Value, ReadAt = s.ReadAt, ThresholdLevel = s.ThresholdLevel, RiseLevel = s.RiseLevel, WarningSince = s.WarningSince,
        };
        t._trend.AddRange(s.Trend);
        return t;
    }
}

/// <summary>A sensor's state as data (grid snapshots, the screens' copy).</summary>
public sealed record SensorState(string Id, string Kind, GeoPoint? Position, double Value, DateTimeOffset ReadAt, List<SensorPoint> Trend,
    int ThresholdLevel, int RiseLevel, DateTimeOffset? WarningSince);
