namespace CommandCenter.Model.Warnings;

/// <summary>
/// The county's warning rules by sensor kind. Defaults follow common Chinese practice for a county: river gauges in
/// metres above the gauge's warning datum (警戒水位 at 3.5 m here), hourly rainfall in mm (暴雨 colours), combustible gas in
/// %LEL (alarm at 20–25 %LEL), hydrant pressure in MPa (a municipal hydrant should hold ≥ 0.14 MPa; falling is the danger).
/// </summary>
public static class WarningRules
{
    public static readonly WarningRule[] Defaults =
    [
        new("water_level", "m", [3.0, 3.5, 4.0, 4.5], FallingIsDanger: false, Hysteresis: 0.1,
            RiseLimit: 0.3, RiseWindow: TimeSpan.FromMinutes(30), RiseLevel: 3, SilentAfter: TimeSpan.FromMinutes(30)),
        new("rainfall", "mm/h", [20, 30, 50, 80], FallingIsDanger: false, Hysteresis: 5,
            RiseLimit: null, RiseWindow: TimeSpan.Zero, RiseLevel: 0, SilentAfter: TimeSpan.FromMinutes(30)),
        new("gas", "%LEL", [10, 20, 25, 50], FallingIsDanger: false, Hysteresis: 2,
            RiseLimit: 5, RiseWindow: TimeSpan.FromMinutes(10), RiseLevel: 3, SilentAfter: TimeSpan.FromMinutes(15)),
        new("hydrant_pressure", "MPa", [0.20, 0.15, 0.10, 0.05], FallingIsDanger: true, Hysteresis: 0.02,
            RiseLimit: null, RiseWindow: TimeSpan.Zero, RiseLevel: 0, SilentAfter: TimeSpan.FromMinutes(60)),
    ];

    /// <summary>The sensor kinds a reading may name (the wire contract): the kinds the rules know.</summary>
    public static readonly string[] Kinds = [.. Defaults.Select(r => r.Kind)];
}
