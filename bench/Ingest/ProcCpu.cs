using System.Diagnostics;

namespace CommandCenter.Bench.Ingest;

/// <summary>
/// CPU time (user + system) of a process from /proc/&lt;pid&gt;/stat, so each cell can say how many cores
/// the host, influxd and the bench itself used. Linux only; returns null where /proc cannot be read.
/// </summary>
public static class ProcCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

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

    /// <summary>The first process whose command line contains <paramref name="commandPart"/> and whose environment or working directory matches.</summary>
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
}

/// <summary>CPU used by a set of processes between <see cref="Start"/> and <see cref="Stop"/>, in cores (CPU seconds per wall second).</summary>
public sealed class CpuMeter(IReadOnlyDictionary<string, int?> pids)
{
    private readonly Dictionary<string, TimeSpan?> _start = new();
    private readonly Stopwatch _wall = new();
    private SystemCpu _system;

    public void Start()
    {
        foreach (var (name, pid) in pids) _start[name] = ProcCpu.CpuTime(pid);
        _system = SystemCpu.Read();
        _wall.Restart();
    }

    public Dictionary<string, double?> Stop()
    {
        _wall.Stop();
        var result = new Dictionary<string, double?>();
        foreach (var (name, pid) in pids)
        {
            var end = ProcCpu.CpuTime(pid);
            result[name] = end is { } e && _start[name] is { } s ? (e - s).TotalSeconds / _wall.Elapsed.TotalSeconds : null;
        }
        var (busy, ioWait, steal, idle) = SystemCpu.Between(_system, SystemCpu.Read());
        result["machine busy"] = busy;
        result["machine iowait"] = ioWait;
        result["machine steal"] = steal;
        result["machine idle"] = idle;
        return result;
    }
}

/// <summary>Machine-wide CPU split from the first line of /proc/stat: busy, waiting for the disk, stolen by the hypervisor, idle.</summary>
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

    /// <summary>Shares of the machine's CPU time between two readings (busy, iowait, steal, idle), each 0–1.</summary>
    public static (double Busy, double IoWait, double Steal, double Idle) Between(SystemCpu a, SystemCpu b)
    {
        double busy = b.Busy - a.Busy, io = b.IoWait - a.IoWait, steal = b.Steal - a.Steal, idle = b.Idle - a.Idle;
        var all = busy + io + steal + idle;
        return all <= 0 ? (double.NaN, double.NaN, double.NaN, double.NaN) : (busy / all, io / all, steal / all, idle / all);
    }
}
