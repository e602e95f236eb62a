using CommandCenter.Model.Warnings;

namespace CommandCenter.Silo.Tests.Model;

/// <summary>风险预警 rules on series with known answers: thresholds, hysteresis, rate of rise, silence, late readings.</summary>
public sealed class WarningRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 20, 2, 0, 0, TimeSpan.FromHours(8));
    private static readonly CommandCenter.Model.GrainOptions Rules = new();
    private static readonly WarningRule Water = Rules.WarningRuleFor("water_level")!;
    private static readonly WarningRule Hydrant = Rules.WarningRuleFor("hydrant_pressure")!;

    private static SensorTrack Feed(WarningRule rule, params (double Minutes, double Value)[] readings)
    {
        var t = new SensorTrack("S1", rule.Kind, null);
        foreach (var (m, v) in readings) t.Read(v, T0.AddMinutes(m), null, rule);
        return t;
    }

    [Theory]
    [InlineData(2.9, 0)]
    [InlineData(3.0, 4)] // blue at the threshold itself
    [InlineData(3.6, 3)]
    [InlineData(4.2, 2)]
    [InlineData(4.5, 1)]
    [InlineData(9.0, 1)]
    public void A_water_level_reaches_the_colour_of_its_threshold(double value, int level)
    {
        var t = Feed(Water, (0, value));
        Assert.Equal(level, t.WarningAt(T0, Water)?.Level ?? 0);
    }

    [Fact]
    public void A_reading_hovering_at_a_threshold_does_not_flap_and_steps_down_only_past_the_margin()
    {
        // slow readings (no fast rise): yellow at 3.5, then 3.45 and 3.42 stay yellow (within 0.1 m), 3.39 steps down to blue
        var t = Feed(Water, (0, 3.2), (20, 3.5), (40, 3.45), (60, 3.42), (80, 3.5));
        var w = t.WarningAt(T0.AddMinutes(80), Water)!;
        Assert.Equal(3, w.Level);
        Assert.Equal(T0.AddMinutes(20), w.Since); // one warning since it first crossed, not re-raised at each touch
        t.Read(3.39, T0.AddMinutes(100), null, Water);
        Assert.Equal(4, t.WarningAt(T0.AddMinutes(100), Water)!.Level);
        t.Read(2.95, T0.AddMinutes(120), null, Water);
        Assert.Equal(4, t.WarningAt(T0.AddMinutes(120), Water)!.Level); // 2.95 is within 0.1 m of blue's 3.0
        t.Read(2.85, T0.AddMinutes(140), null, Water);
        Assert.Null(t.WarningAt(T0.AddMinutes(140), Water));
    }

    [Fact]
    public void A_fast_rise_warns_before_any_threshold_and_clears_when_the_rise_slows()
    {
        // 2.0 → 2.35 m within 20 minutes: up more than 0.3 m in 30 min, far below blue's 3.0
        var t = Feed(Water, (0, 2.0), (10, 2.15), (20, 2.35));
        var w = t.WarningAt(T0.AddMinutes(20), Water)!;
        Assert.Equal((3, WarningCause.Rise), (w.Level, w.Cause));
        // level for the next 40 minutes: the 30-minute window no longer holds a rise
        t.Read(2.36, T0.AddMinutes(45), null, Water);
        t.Read(2.36, T0.AddMinutes(60), null, Water);
        Assert.Null(t.WarningAt(T0.AddMinutes(60), Water));
    }

    [Fact]
    public void A_slow_rise_of_the_same_height_does_not_warn()
    {
        var t = Feed(Water, (0, 2.0), (40, 2.2), (80, 2.4), (120, 2.6));
        Assert.Null(t.WarningAt(T0.AddMinutes(120), Water));
    }

    [Fact]
    public void Falling_hydrant_pressure_is_the_danger()
    {
        var t = Feed(Hydrant, (0, 0.35), (10, 0.18));
        Assert.Equal(4, t.WarningAt(T0.AddMinutes(10), Hydrant)!.Level);
        t.Read(0.04, T0.AddMinutes(20), null, Hydrant);
        Assert.Equal(1, t.WarningAt(T0.AddMinutes(20), Hydrant)!.Level);
        t.Read(0.21, T0.AddMinutes(30), null, Hydrant);
        Assert.Equal(4, t.WarningAt(T0.AddMinutes(30), Hydrant)!.Level); // 0.21 is within 0.02 of blue's 0.20
        t.Read(0.30, T0.AddMinutes(40), null, Hydrant);
        Assert.Null(t.WarningAt(T0.AddMinutes(40), Hydrant));
    }

    [Fact]
    public void A_sensor_gone_silent_warns_blue_from_the_moment_it_was_due_and_clears_on_its_next_reading()
    {
        var t = Feed(Water, (0, 2.0));
        Assert.Null(t.WarningAt(T0.AddMinutes(30), Water));
        var silent = t.WarningAt(T0.AddMinutes(31), Water)!;
        Assert.Equal((4, WarningCause.Silent, T0.AddMinutes(30)), (silent.Level, silent.Cause, silent.Since));
        t.Read(2.0, T0.AddMinutes(32), null, Water);
        Assert.Null(t.WarningAt(T0.AddMinutes(32), Water));
    }

    [Fact]
    public void A_late_reading_older_than_the_newest_changes_nothing()
    {
        var t = Feed(Water, (0, 2.0), (10, 4.6));
        t.Read(2.0, T0.AddMinutes(5), null, Water);
        Assert.Equal(4.6, t.Value);
        Assert.Equal(1, t.WarningAt(T0.AddMinutes(10), Water)!.Level);
    }

    [Fact]
    public void The_trend_keeps_one_point_a_minute_for_two_hours_and_survives_a_copy()
    {
        var t = new SensorTrack("S1", "water_level", null);
        for (var s = 0; s < 3 * 3600; s += 10) t.Read(2 + s / 36000.0, T0.AddSeconds(s), null, Water);
        Assert.InRange(t.Trend.Count, 120, 121);
        Assert.Equal(t.Value, t.Trend[^1].Value);
        var copy = SensorTrack.FromState(t.ToState());
        Assert.Equal(t.ToState().Trend, copy.ToState().Trend);
        copy.Read(4.6, T0.AddHours(3), null, Water);
        t.Read(4.6, T0.AddHours(3), null, Water);
        Assert.Equal(t.WarningAt(T0.AddHours(3), Water), copy.WarningAt(T0.AddHours(3), Water));
    }
}

/// <summary>Warnings in a grid: its figures count them by colour, its snapshot keeps its sensors.</summary>
public sealed class GridWarningTests
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 20, 2, 0, 0, TimeSpan.FromHours(8));

    private static Events.CountyEvent Reading(string sensor, string kind, double value, DateTimeOffset at) => new()
    {
        Id = $"{sensor}-{at.Ticks}", Type = Events.EventType.SensorReading, OccurredAt = at, Source = "t", GridCode = "g1",
        SensorId = sensor, SensorKind = kind, Value = value, Lon = 120.0, Lat = 30.0,
    };

    [Fact]
    public void A_grid_counts_its_warnings_by_colour_and_a_copy_from_its_snapshot_warns_alike()
    {
        var g = new CommandCenter.Model.GridState("g1", new CommandCenter.Model.GrainOptions());
        Assert.Null(g.Apply(Reading("S1", "water_level", 4.6, T0)));
        Assert.Null(g.Apply(Reading("S2", "gas", 12, T0)));
        Assert.Null(g.Apply(Reading("S3", "hydrant_pressure", 0.33, T0)));
        g.Refresh(T0.AddMinutes(1));
        Assert.Equal((1, 0, 0, 1), (g.Figures[CommandCenter.Model.Figure.WarningsI], g.Figures[CommandCenter.Model.Figure.WarningsII],
            g.Figures[CommandCenter.Model.Figure.WarningsIII], g.Figures[CommandCenter.Model.Figure.WarningsIV]));
        Assert.Equal(["S1", "S2"], g.WarningsAt(T0.AddMinutes(1)).Select(w => w.SensorId));

        var copy = CommandCenter.Model.GridState.FromState(g.ToState(), new CommandCenter.Model.GrainOptions());
        Assert.Equal(g.WarningsAt(T0.AddMinutes(40)), copy.WarningsAt(T0.AddMinutes(40))); // all three silent by then
        Assert.Equal(3, copy.WarningsAt(T0.AddMinutes(61)).Count(w => w.Cause == WarningCause.Silent));
        Assert.Equal("sensor_kind_changed", g.Apply(Reading("S1", "gas", 1, T0.AddMinutes(2)))!.Code);
    }
}
