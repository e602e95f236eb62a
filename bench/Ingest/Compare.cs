using System.Globalization;
using System.Text;
using CommandCenter.Geography;
using CommandCenter.TestSupport;

namespace CommandCenter.Bench.Ingest;

/// <summary>
/// Before/after of a host change on a shared machine: the batch-5,000 durable cells with an earlier host build
/// (<c>--compare-host</c>) and with this one, each followed by the raw ceiling with the same writers, interleaved and
/// repeated, so each before/after/raw triple sees the same minute of the machine. Ratios are taken inside each triple.
/// </summary>
public static class Compare
{
    /// <param name="afterEnv">Environment settings (e.g. <c>Silo__MaxGroupEvents=2500</c>) only the "after" host gets: to compare a setting, pass this build as the before DLL.</param>
    public static async Task<string> RunAsync(InfluxServer influx, EventFactory factory, CountyMap map, string beforeDll, int repeat,
        TimeSpan limit, TimeSpan warmup, int maxEvents, string command, string loadAtStart, string influxVersion, Action<string> say,
        IReadOnlyList<(string Key, string Value)>? afterEnv = null)
    {
        afterEnv ??= [];
        var rows = new List<(int Round, int Senders, CellResult Before, CellResult After, CellResult Raw)>();
        var index = 100;
        for (var round = 1; round <= repeat; round++)
            foreach (var senders in new[] { 1, 8 })
            {
                Environment.SetEnvironmentVariable("COMMANDCENTER_HOST_DLL", beforeDll);
                say($"round {round}, {senders} sender(s): before ({beforeDll})");
                var before = await new DurableCell(influx, factory, say).RunAsync(++index, 5_000, senders, maxEvents, limit, warmup);
                Environment.SetEnvironmentVariable("COMMANDCENTER_HOST_DLL", null);
                say($"  {before.EventsPerSecond:N0} events/s; after ({RepoPaths.DashboardDll}{string.Concat(afterEnv.Select(e => $" {e.Key}={e.Value}"))})");
                foreach (var (key, value) in afterEnv) Environment.SetEnvironmentVariable(key, value);
                var after = await new DurableCell(influx, factory, say).RunAsync(++index, 5_000, senders, maxEvents, limit, warmup);
                foreach (var (key, _) in afterEnv) Environment.SetEnvironmentVariable(key, null);
                say($"  {after.EventsPerSecond:N0} events/s; raw");
                var raw = await new RawCell(influx, factory, map, say).RunAsync(++index, senders, maxEvents, limit, warmup);
                say($"  raw {raw.EventsPerSecond:N0} points/s");
                rows.Add((round, senders, before, after, raw));
            }

        var inv = CultureInfo.InvariantCulture;
        string N(double v) => v.ToString("N0", inv);
        string R(double v) => v.ToString("0.00", inv);
        string C(CellResult r, string k) => r.Cores.TryGetValue(k, out var v) && v is { } x ? x.ToString("0.00", inv) : "–";
        var s = new StringBuilder();
        s.AppendLine("## Before / after (same run, interleaved)");
        s.AppendLine();
        s.AppendLine($"- Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} CPUs (nproc), {Machine.Memory} RAM, CPU `{Machine.Cpu}`; " +
                     $"load average at the start {loadAtStart}, at the end {Machine.LoadAverage}; influxd `{influxVersion}`");
        s.AppendLine($"- Command: `{command}`");
        s.AppendLine($"- Before = the host built without the change (`{beforeDll}`); after = this build{(afterEnv.Count > 0 ? " with " + string.Join(", ", afterEnv.Select(e => $"`{e.Key}={e.Value}`")) : "")}. Batch 5,000, 1 and 8 senders, each cell " +
                     $"{limit.TotalSeconds:0} s or {maxEvents:N0} events on a fresh host and database after {warmup.TotalSeconds:0} s of untimed warm-up; each before/after pair is followed by the raw " +
                     "ceiling with as many writers, so the three share the machine's state; rounds repeat the triples.");
        s.AppendLine();
        s.AppendLine("| round | senders | before ev/s | after ev/s | raw points/s | before ÷ raw | after ÷ raw | after ÷ before | stored = accepted (before / after) | cores host / influxd / other (before → after) |");
        s.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var (round, senders, b, a, r) in rows)
            s.AppendLine($"| {round} | {senders} | {N(b.EventsPerSecond)} | {N(a.EventsPerSecond)} | {N(r.EventsPerSecond)} | {R(b.EventsPerSecond / r.EventsPerSecond)} | " +
                         $"**{R(a.EventsPerSecond / r.EventsPerSecond)}** | {R(a.EventsPerSecond / b.EventsPerSecond)} | {(b.StoredMatches ? "yes" : "NO")} / {(a.StoredMatches ? "yes" : "NO")} | " +
                         $"{C(b, "host")} / {C(b, "influxd")} / {OtherOf(b)} → {C(a, "host")} / {C(a, "influxd")} / {OtherOf(a)} |");
        s.AppendLine();
        foreach (var senders in new[] { 1, 8 })
        {
            var mine = rows.Where(x => x.Senders == senders).ToList();
            if (mine.Count == 0) continue;
            double Median(IEnumerable<double> v) { var o = v.Order().ToArray(); return o.Length % 2 == 1 ? o[o.Length / 2] : (o[o.Length / 2 - 1] + o[o.Length / 2]) / 2; }
            s.AppendLine($"- {senders} sender(s), median of {mine.Count}: durable ÷ raw **{R(Median(mine.Select(x => x.Before.EventsPerSecond / x.Raw.EventsPerSecond)))} before → " +
                         $"{R(Median(mine.Select(x => x.After.EventsPerSecond / x.Raw.EventsPerSecond)))} after**; after ÷ before {R(Median(mine.Select(x => x.After.EventsPerSecond / x.Before.EventsPerSecond)))}.");
        }
        return s.ToString();
    }

    /// <summary>The machine's busy share not used by the host, influxd and the bench, in cores.</summary>
    private static string OtherOf(CellResult r)
    {
        if (r.Cores.GetValueOrDefault("machine busy") is not { } busy) return "–";
        var known = (r.Cores.GetValueOrDefault("host") ?? 0) + (r.Cores.GetValueOrDefault("influxd") ?? 0) + (r.Cores.GetValueOrDefault("bench") ?? 0);
        return Math.Max(0, busy * Environment.ProcessorCount - known).ToString("0.00", CultureInfo.InvariantCulture);
    }
}
