using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommandCenter.Bench;
using CommandCenter.Model;
using CommandCenter.TestSupport;

/// <summary>
/// The duplicate index's memory per key (it holds every accepted key for 48 h, at most 5 million, and is what grows under
/// load): keys added in-process, managed heap measured after full collections before and after. Also the time per add.
/// </summary>
static class DedupeMemory
{
    public static string Run(IReadOnlyList<int> sizes, string command, Action<string> say)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine("# Memory of the duplicate index (`DedupeIndex`), per key").AppendLine();
        s.AppendLine($"- Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; {Git.Describe(RepoPaths.Root)}");
        s.AppendLine($"- Machine: {Machine.Description}; load average at the start {Machine.LoadAverage}");
        s.AppendLine($"- Command: `{command}`");
        s.AppendLine("- Method: a fresh index (48 h window, 5 M-key cap); N keys added as the silo adds them (`Add(source, id, seq)`), managed heap (`GC.GetTotalMemory(true)`) before and after; one process, nothing else allocated in between.").AppendLine();
        s.AppendLine("| keys | heap MB | bytes per key | µs per add (incl. the SHA-256 key) |");
        s.AppendLine("|---:|---:|---:|---:|");
        foreach (var n in sizes)
        {
            var before = GC.GetTotalMemory(true);
            var index = new DedupeIndex(TimeSpan.FromHours(48));
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < n; i++) index.Add("bench", $"e{i}", 1_000_000_000L + i);
            var micros = clock.Elapsed.TotalMicroseconds / n;
            var bytes = GC.GetTotalMemory(true) - before;
            GC.KeepAlive(index);
            say($"  {n:N0} keys: {bytes / 1e6:0.0} MB, {(double)bytes / n:0.0} B/key, {micros:0.00} µs/add");
            s.AppendLine($"| {n.ToString("N0", inv)} | {(bytes / 1e6).ToString("0.0", inv)} | **{((double)bytes / n).ToString("0.0", inv)}** | {micros.ToString("0.00", inv)} |");
        }
        s.AppendLine();
        s.AppendLine("Reading: the table of keys grows by doubling (kept at most 3/4 full), so bytes per key step down between doublings; " +
                     "the age queue adds 24 B per key. At the 5 M cap the index is the host's largest structure (bench/results/memory-4x-4000.md).");
        return s.ToString();
    }
}
