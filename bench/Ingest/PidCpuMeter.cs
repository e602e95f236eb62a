using System.Diagnostics;

namespace CommandCenter.Bench.Ingest;

/// <summary>CPU used by a set of processes between <see cref="Start"/> and <see cref="Stop"/>, in cores (CPU seconds per wall second).</summary>
public sealed class PidCpuMeter(IReadOnlyDictionary<string, int?> pids)
{
    private readonly Dictionary<string, TimeSpan?> _start = new();
    private readonly Stopwatch _wall = new();
    private SystemCpu _system;

    public void Start()
    {
        foreach (var (name, pid) in pids) _start[name] = Procs.CpuTime(pid);
        _system = SystemCpu.Read();
        _wall.Restart();
    }

    public Dictionary<string, double?> Stop()
    {
        _wall.Stop();
        var result = new Dictionary<string, double?>();
        foreach (var (name, pid) in pids)
        {
            var end = Procs.CpuTime(pid);
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
