namespace CommandCenter.Simulation;

/// <summary>
/// The risk episodes of the simulated county, repeating every <see cref="Cycle"/> from the scenario's start (compressed so a
/// demo shows them within minutes): a rainstorm (暴雨) over two streets — their rain gauges to ~60 mm/h, their river gauges
/// rising ~0.05 m a minute from the 4th minute (a fast-rise warning first, then blue, yellow, orange) and receding after the
/// 50th; a slow gas leak (燃气泄漏) at one detector from the 6th minute, fixed at the 45th; one rain gauge silent from the
/// 5th minute to the 40th. Each cycle picks its streets and detectors anew.
/// </summary>
internal sealed class RiskWeather(GaugeNetwork network, IReadOnlyList<GaugeNetwork.Gauge> gauges)
{
    public static readonly TimeSpan Cycle = TimeSpan.FromHours(3);

    private DateTimeOffset _start;
    private long _cycle = -1;
    private HashSet<string> _stormStreets = [];
    private string? _leak, _silent;

    public void Start(DateTimeOffset now) => _start = now;

    private double Minutes(DateTimeOffset at)
    {
        var since = at - _start;
        var cycle = (long)(since / Cycle);
        if (cycle != _cycle) Pick(cycle);
        return (since - Cycle * cycle).TotalMinutes;
    }

    private void Pick(long cycle)
    {
        _cycle = cycle;
        var rivers = gauges.Where(g => g.Kind == "water_level").Select(g => g.Street).Distinct().Order(StringComparer.Ordinal).ToList();
        _stormStreets = rivers.OrderBy(_ => network.Random.Next()).Take(2).ToHashSet(StringComparer.Ordinal);
        var gas = gauges.Where(g => g.Kind == "gas").ToList();
        _leak = gas.Count == 0 ? null : gas[network.Random.Next(gas.Count)].Id;
        var rain = gauges.Where(g => g.Kind == "rainfall" && !_stormStreets.Contains(g.Street)).ToList();
        if (rain.Count == 0) rain = gauges.Where(g => g.Kind == "rainfall").ToList(); // a county of two streets: both in the storm
        _silent = rain.Count == 0 ? null : rain[network.Random.Next(rain.Count)].Id;
    }

    public bool Silent(GaugeNetwork.Gauge g, DateTimeOffset at) => Minutes(at) is >= 5 and < 40 && g.Id == _silent;

    public double ValueOf(GaugeNetwork.Gauge g, DateTimeOffset at)
    {
        var m = Minutes(at);
        var storm = _stormStreets.Contains(g.Street);
        return g.Kind switch
        {
            "water_level" when storm => g.Baseline + RiverRise(m) + network.Uniform(-0.01, 0.01),
            "water_level" => g.Baseline + network.Uniform(-0.01, 0.01),
            "rainfall" when storm => Math.Max(0, Rain(m) + network.Uniform(-3, 3)),
            "rainfall" => Math.Max(0, network.Uniform(-2, 1.5)),
            "gas" when g.Id == _leak && m is >= 6 and < 45 => g.Baseline + (m - 6) * 0.9 + network.Uniform(-0.3, 0.3),
            "gas" => Math.Max(0, g.Baseline + network.Uniform(-0.5, 0.5)),
            _ => g.Baseline + network.Uniform(-0.01, 0.01),
        };
    }

    /// <summary>Metres above the gauge's quiet level: up 0.05 m/min from minute 4 to 50 (peaks ~2.3 m), then down 0.02 m/min.</summary>
    private static double RiverRise(double m) => m < 4 ? 0 : m < 50 ? (m - 4) * 0.05 : Math.Max(0, 2.3 - (m - 50) * 0.02);

    /// <summary>Hourly rainfall in the storm: up to ~60 mm/h by minute 15, easing off from minute 45 to none at 75.</summary>
    private static double Rain(double m) => m < 2 ? 0 : m < 15 ? (m - 2) * 4.6 : m < 45 ? 60 : Math.Max(0, 60 - (m - 45) * 2);
}
