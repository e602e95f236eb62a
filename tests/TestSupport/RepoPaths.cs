namespace CommandCenter.TestSupport;

/// <summary>Where things are in the repository, found from the running test assembly.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>"Debug" or "Release": the configuration the tests were built in.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string DashboardProject => Path.Combine(Root, "src", "Dashboard");

    /// <summary>
    /// The host build to start: this configuration's output, or the file named by COMMANDCENTER_HOST_DLL (benchmarks compare
    /// a saved earlier build with the current one in the same run that way).
    /// </summary>
    public static string DashboardDll => Environment.GetEnvironmentVariable("COMMANDCENTER_HOST_DLL") is { Length: > 0 } dll
        ? dll : Path.Combine(DashboardProject, "bin", Configuration, "net10.0", "CommandCenter.Dashboard.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln"))) return dir.FullName;
        throw new InvalidOperationException($"CommandCenter.sln not found above {AppContext.BaseDirectory}");
    }
}
