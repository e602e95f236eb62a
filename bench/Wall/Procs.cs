using System.Diagnostics;

namespace CommandCenter.Bench.Wall;

/// <summary>
/// The processes the bench watches, read from /proc (Linux only; null where /proc cannot be read):
/// resident memory (VmRSS), CPU time, and how to find the host, influxd and Chromium. Finding and CPU time
/// are copied from bench/Ingest's ProcCpu.
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

    /// <summary>Summed VmRSS of several processes (those that have ended count 0); null when none could be read.</summary>
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

    /// <summary>Summed CPU time of several processes, including the children they waited for (cutime/cstime are not counted).</summary>
    public static TimeSpan CpuTime(IEnumerable<int> pids) => pids.Aggregate(TimeSpan.Zero, (a, p) => a + (CpuTime(p) ?? TimeSpan.Zero));

    /// <summary>
    /// CPU time of every thread of these processes, summed by "process type/thread name" (e.g. "renderer/CrRendererMain",
    /// "renderer/DedicatedWorker thre", "gpu-process/CrGpuMain"): where Chromium's CPU goes.
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
    /// (bench → Playwright driver → chromium → …) whose name is chromium, so another Chromium on the machine is not counted.
    /// </summary>
    public static List<(int Pid, string Type)> OurChromium()
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
        var result = new List<(int, string)>();
        foreach (var (pid, name) in names)
        {
            if (!name.StartsWith("chrom", StringComparison.Ordinal) || !Ours(pid)) continue;
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
}

/// <summary>Machine-wide CPU split from the first line of /proc/stat (copied from bench/Ingest): busy, waiting for the disk, stolen, idle.</summary>
public readonly record struct SystemCpu(long Busy, long IoWait, long Steal, long Idle)
{
    public static SystemCpu Read()
    {
        try
        {
            var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            // user nice system idle iowait irq softirq steal
            return new SystemCpu(f[0] + f[1] + f[2] + f[5] + f[6], f[4], f.Length > 7 ? f[7] : 0, f[3]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return default; }
    }

    /// <summary>Busy share of the machine's CPU time between two readings, 0–1.</summary>
    public static double BusyBetween(SystemCpu a, SystemCpu b)
    {
        double busy = b.Busy - a.Busy, all = busy + (b.IoWait - a.IoWait) + (b.Steal - a.Steal) + (b.Idle - a.Idle);
        return all <= 0 ? double.NaN : busy / all;
    }
}
