using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CommandCenter.Bench;

/// <summary>What the figures were measured on.</summary>
public static class Machine
{
    /// <summary>"2 CPUs (nproc), 23.5 GiB RAM, CPU `…`, Debian …, Linux …": the machine line of every results file.</summary>
    public static string Description => $"{Environment.ProcessorCount} CPUs (nproc), {Memory} RAM, CPU `{Cpu}`, {Os}";

    public static string Cpu => FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    public static string Memory =>
        FirstValue("/proc/meminfo", "MemTotal") is { } kb && long.TryParse(kb.Split(' ')[0], out var k)
            ? $"{k / 1024.0 / 1024.0:0.0} GiB" : "unknown";

    public static string Os
    {
        get
        {
            var pretty = File.Exists("/etc/os-release")
                ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"')
                : null;
            var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : null;
            return $"{pretty ?? RuntimeInformation.OSDescription}{(kernel is null ? "" : $", Linux {kernel}")}";
        }
    }

    public static string Disk(string path)
    {
        try
        {
            var best = File.ReadLines("/proc/mounts").Select(l => l.Split(' '))
                .Where(f => f.Length > 2 && path.StartsWith(f[1], StringComparison.Ordinal))
                .OrderByDescending(f => f[1].Length).FirstOrDefault();
            return best is null ? "unknown" : $"{best[2]} ({best[0]} on {best[1]})";
        }
        catch (IOException) { return "unknown"; }
    }

    /// <summary>The 1, 5 and 15 minute load averages (runnable processes; this machine has nproc cores).</summary>
    public static string LoadAverage =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static string InfluxVersion()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("influxd", "version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return text.Length > 0 ? text : "unknown";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException) { return "unknown"; }
    }

    private static string? FirstValue(string file, string key)
    {
        if (!File.Exists(file)) return null;
        foreach (var line in File.ReadLines(file))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == key) return line[(colon + 1)..].Trim();
        }
        return null;
    }
}
