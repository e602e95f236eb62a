using System.Diagnostics;

namespace CommandCenter.Bench;

/// <summary>
/// The processes a benchmark watches, read from /proc (Linux only; null where /proc cannot be read): resident
/// memory (VmRSS), CPU time, and how to find the host, influxd and Chromium. Shared by every bench project.
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
    /// The Chromium processes this bench started (browser, GPU, renderers, utilities): descendants of this process
    /// (bench → Playwright driver → chromium → …) whose name starts with "chrom", so another Chromium on the machine is not counted.
    /// </summary>
    public static List<(int Pid, string Type)> OurChromium()
    {
        var all = All();
        bool Ours(int pid)
        {
            for (var p = pid; p > 1 && all.TryGetValue(p, out var info); p = info.Parent)
                if (info.Parent == Environment.ProcessId) return true;
            return false;
        }
        var result = new List<(int, string)>();
        foreach (var (pid, info) in all)
        {
            if (!info.Name.StartsWith("chrom", StringComparison.Ordinal) || !Ours(pid)) continue;
            string type;
            try
            {
                // Chromium rewrites its children's command lines as one space-separated string.
                var cmd = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
                var m = System.Text.RegularExpressions.Regex.Match(cmd, @"--type=(\S+)");
                type = m.Success ? m.Groups[1].Value : "browser";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { type = "?"; }
            result.Add((pid, type));
        }
        return result;
    }

    public static List<int> OurChromiumPids() => OurChromium().Select(c => c.Pid).ToList();

    /// <summary>Every process: name, parent and CPU time so far.</summary>
    public static Dictionary<int, (string Name, int Parent, TimeSpan Cpu)> All()
    {
        var result = new Dictionary<int, (string, int, TimeSpan)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                result[pid] = (stat[(open + 1)..close], int.Parse(fields[1]),
                    TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { }
        }
        return result;
    }

    /// <summary>
    /// CPU time of every thread of these processes, summed by "process type/thread name" (e.g. "renderer/CrRendererMain",
    /// "gpu-process/CrGpuMain"): where Chromium's CPU goes (as bench/Wall does).
    /// </summary>
    public static Dictionary<string, TimeSpan> ThreadCpu(IEnumerable<(int Pid, string Type)> procs)
    {
        var result = new Dictionary<string, TimeSpan>();
        foreach (var (pid, type) in procs)
        {
            IEnumerable<string> tasks;
            try { tasks = Directory.EnumerateDirectories($"/proc/{pid}/task").ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var task in tasks)
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var open = stat.IndexOf('(');
                    var close = stat.LastIndexOf(')');
                    var name = System.Text.RegularExpressions.Regex.Replace(stat[(open + 1)..close], @"\d+$", "").Trim();
                    var fields = stat[(close + 2)..].Split(' ');
                    var cpu = TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond);
                    var key = $"{type}/{name}";
                    result[key] = result.GetValueOrDefault(key) + cpu;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { }
            }
        }
        return result;
    }
}

/// <summary>
/// Machine-wide CPU from the first line of /proc/stat, in jiffies: busy (user + nice + system + irq + softirq), irq + softirq
/// alone, waiting for the disk, stolen by the hypervisor, idle, and all of them.
/// </summary>
public readonly record struct SystemCpu(long Busy, long Irq, long IoWait, long Steal, long Idle, long All)
{
    public static SystemCpu Read()
    {
        try
        {
            var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            // user nice system idle iowait irq softirq steal
            var busy = f[0] + f[1] + f[2] + f[5] + f[6];
            var steal = f.Length > 7 ? f[7] : 0;
            return new SystemCpu(busy, f[5] + f[6], f[4], steal, f[3], busy + f[3] + f[4] + steal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return default; }
    }

    /// <summary>Shares of the machine's CPU time between two readings (busy, iowait, steal, idle), each 0–1.</summary>
    public static (double Busy, double IoWait, double Steal, double Idle) Between(SystemCpu a, SystemCpu b)
    {
        double busy = b.Busy - a.Busy, io = b.IoWait - a.IoWait, steal = b.Steal - a.Steal, idle = b.Idle - a.Idle;
        var all = busy + io + steal + idle;
        return all <= 0 ? (double.NaN, double.NaN, double.NaN, double.NaN) : (busy / all, io / all, steal / all, idle / all);
    }

    /// <summary>Busy share of the machine's CPU time between two readings, 0–1.</summary>
    public static double BusyBetween(SystemCpu a, SystemCpu b) => Between(a, b).Busy;

    /// <summary>Busy cores of the whole machine, and the part of them in irq/softirq (e.g. loopback networking), between two readings.</summary>
    public static (double Busy, double Irq) CoresBetween(SystemCpu a, SystemCpu b)
    {
        if (b.All - a.All <= 0) return (double.NaN, double.NaN);
        var all = (double)(b.All - a.All);
        return ((b.Busy - a.Busy) / all * Environment.ProcessorCount, (b.Irq - a.Irq) / all * Environment.ProcessorCount);
    }
}

/// <summary>
/// CPU used by named processes between two points in time, in cores (CPU seconds per wall second); "irq" = the machine's
/// irq + softirq time (not charged to any process), "other" = the rest of the machine's busy time, and the processes
/// behind it (<see cref="OtherTop"/>).
/// </summary>
public sealed class CpuMeter(Func<Dictionary<string, IEnumerable<int>>> who)
{
    private readonly Stopwatch _wall = new();
    private Dictionary<string, TimeSpan> _start = [];
    private Dictionary<int, (string Name, int Parent, TimeSpan Cpu)> _all = [];
    private SystemCpu _system;

    /// <summary>After <see cref="Stop"/>: the processes outside the named ones that used the most CPU, e.g. "node 0.12".</summary>
    public string OtherTop { get; private set; } = "";

    public void Start()
    {
        _start = who().ToDictionary(p => p.Key, p => Procs.CpuTime(p.Value));
        _all = Procs.All();
        _system = SystemCpu.Read();
        _wall.Restart();
    }

    public Dictionary<string, double> Stop()
    {
        _wall.Stop();
        var seconds = _wall.Elapsed.TotalSeconds;
        var named = who();
        var result = named.ToDictionary(p => p.Key, p => (Procs.CpuTime(p.Value) - _start.GetValueOrDefault(p.Key)).TotalSeconds / seconds);
        var (machine, irq) = SystemCpu.CoresBetween(_system, SystemCpu.Read());
        var known = named.Values.SelectMany(p => p).ToHashSet();
        OtherTop = string.Join(", ", Procs.All()
            .Where(p => !known.Contains(p.Key) && _all.ContainsKey(p.Key))
            .Select(p => (p.Value.Name, Cores: (p.Value.Cpu - _all[p.Key].Cpu).TotalSeconds / seconds))
            .GroupBy(p => p.Name).Select(g => (Name: g.Key, Cores: g.Sum(x => x.Cores)))
            .Where(p => p.Cores >= 0.02).OrderByDescending(p => p.Cores).Take(4)
            .Select(p => $"{p.Name} {p.Cores.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}"));
        result["irq"] = irq;
        result["other"] = Math.Max(0, machine - irq - named.Keys.Sum(k => result[k]));
        result["machine"] = machine;
        return result;
    }
}
