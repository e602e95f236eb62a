using System.Diagnostics;

namespace CommandCenter.Bench;

public static class Git
{
    /// <summary>The commit the run was built from and whether src/ had uncommitted changes (read-only git commands in <paramref name="root"/>).</summary>
    public static string Describe(string root)
    {
        string Run(params string[] args)
        {
            try
            {
                var psi = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var a in args) psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                var text = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                return text;
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException) { return ""; }
        }
        var head = Run("rev-parse", "--short", "HEAD");
        if (head.Length == 0) return "commit unknown";
        var dirty = Run("status", "--porcelain", "--", "src").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        return $"commit {head}" + (dirty > 0 ? $" + {dirty} uncommitted change(s) under src/ (built as they were)" : "");
    }
}
