namespace CommandCenter.Model.Warnings;

/// <summary>
/// 预警规则 for one sensor kind: the reading that reaches each colour (blue IV → red I), whether a rising or a falling
/// reading is the danger, the margin a reading must go back by before a warning steps down (hysteresis: no flapping at a
/// threshold), a rate-of-rise rule (up more than <see cref="RiseLimit"/> within <see cref="RiseWindow"/>) and how long a
/// sensor may stay silent. Pure data; <see cref="SensorTrack"/> applies it.
/// </summary>
public sealed record WarningRule(
    string Kind,
    string Unit,
    /// <summary>Thresholds for level IV, III, II, I (blue, yellow, orange, red), in the danger's direction.</summary>
    double[] Thresholds,
    bool FallingIsDanger,
    double Hysteresis,
    double? RiseLimit,
    TimeSpan RiseWindow,
    int RiseLevel,
    TimeSpan SilentAfter)
{
    /// <summary>The level 1–4 a reading reaches by the thresholds alone, or 0 below blue.</summary>
    public int LevelOf(double value)
    {
        for (var i = Thresholds.Length - 1; i >= 0; i--)
            if (Beyond(value, Thresholds[i])) return 4 - i;
        return 0;
    }

    /// <summary>Whether <paramref name="value"/> is still at or past the threshold of <paramref name="level"/> once the hysteresis margin is allowed.</summary>
    public bool Holds(int level, double value) => level > 0 && Beyond(value, Thresholds[4 - level] + (FallingIsDanger ? Hysteresis : -Hysteresis));

    private bool Beyond(double value, double threshold) => FallingIsDanger ? value <= threshold : value >= threshold;
}
