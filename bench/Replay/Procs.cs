using System.Diagnostics;

namespace CommandCenter.Bench.Replay;

/// <summary>
/// The processes the bench watches, read from /proc (Linux only; null where /proc cannot be read): resident
/// memory (VmRSS), CPU time, and how to find the host, influxd and Chromium (as in bench/Wall's Procs).
/// </summary>
public static class Procs
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>VmRSS of a process in bytes.</summary>
    public static long? Rss(int? pid)
    {
        if (pid is null) return null;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return null;
    }

    /// <summary>Summed VmRSS of several processes; null when none could be read.</summary>
    public static long? Rss(IEnumerable<int> pids)
    {
        long sum = 0;
        var any = false;
        foreach (var pid in pids)
            if (Rss(pid) is { } r) { sum += r; any = true; }
        return any ? sum : null;
    }

    public static TimeSpan? CpuTime(int? pid)
    {
        if (pid is null) return null;
        if (pid == Environment.ProcessId) return Process.GetCurrentProcess().TotalProcessorTime;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 3, utime 14, stime 15 (1-based) → indexes 11, 12 here.
            var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public static TimeSpan CpuTime(IEnumerable<int> pids) => pids.Aggregate(TimeSpan.Zero, (a, p) => a + (CpuTime(p) ?? TimeSpan.Zero));

    /// <summary>The first process whose command line contains <paramref name="commandPart"/> and that <paramref name="matches"/>.</summary>
    public static int? Find(string commandPart, Func<int, bool> matches)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmd.Contains(commandPart, StringComparison.Ordinal) && matches(pid)) return pid;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return null;
    }

    public static bool EnvironmentContains(int pid, string entry)
    {
        try { return File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains(entry); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    public static bool WorkingDirectoryIs(int pid, string dir)
    {
        try { return new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(false)?.FullName.TrimEnd('/') == dir.TrimEnd('/'); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>
    /// The Chromium processes this bench started: descendants of this process (bench → Playwright driver →
    /// chromium → …) whose name starts with "chrom", so another Chromium on the machine is not counted.
    /// </summary>
    public static List<int> OurChromium()
    {
        var parents = new Dictionary<int, int>();
        var names = new Dictionary<int, string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                names[pid] = stat[(open + 1)..close];
                parents[pid] = int.Parse(stat[(close + 2)..].Split(' ')[1]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { }
        }
        bool Ours(int pid)
        {
            for (var p = pid; p > 1 && parents.TryGetValue(p, out var parent); p = parent)
                if (parent == Environment.ProcessId) return true;
            return false;
        }
        return names.Where(n => n.Value.StartsWith("chrom", StringComparison.Ordinal) && Ours(n.Key)).Select(n => n.Key).ToList();
    }
}

/// <summary>Machine-wide CPU from the first line of /proc/stat (as in bench/Ingest): busy and all jiffies.</summary>
public readonly record struct SystemCpu(long Busy, long All)
{
    public static SystemCpu Read()
    {
        try
        {
            var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            // user nice system idle iowait irq softirq steal
            var busy = f[0] + f[1] + f[2] + f[5] + f[6];
            return new SystemCpu(busy, busy + f[3] + f[4] + (f.Length > 7 ? f[7] : 0));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return default; }
    }

    /// <summary>Busy cores of the whole machine between two readings.</summary>
    public static double CoresBetween(SystemCpu a, SystemCpu b) =>
        b.All - a.All <= 0 ? double.NaN : (double)(b.Busy - a.Busy) / (b.All - a.All) * Environment.ProcessorCount;
}

/// <summary>CPU used by named processes between two points in time, in cores (CPU seconds per wall second).</summary>
public sealed class CpuMeter(Func<Dictionary<string, IEnumerable<int>>> who)
{
    private readonly Stopwatch _wall = new();
    private Dictionary<string, TimeSpan> _start = [];
    private SystemCpu _system;

    public void Start()
    {
        _start = who().ToDictionary(p => p.Key, p => Procs.CpuTime(p.Value));
        _system = SystemCpu.Read();
        _wall.Restart();
    }

    public Dictionary<string, double> Stop()
    {
        _wall.Stop();
        var seconds = _wall.Elapsed.TotalSeconds;
        var result = who().ToDictionary(p => p.Key, p => (Procs.CpuTime(p.Value) - _start.GetValueOrDefault(p.Key)).TotalSeconds / seconds);
        var machine = SystemCpu.CoresBetween(_system, SystemCpu.Read());
        result["other"] = Math.Max(0, machine - result.Values.Sum());
        result["machine"] = machine;
        return result;
    }
}
