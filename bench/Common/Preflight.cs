namespace CommandCenter.Bench;

/// <summary>What every benchmark checks before it starts: the host build it will run, and Chromium where a page is driven.</summary>
public static class Preflight
{
    /// <summary>True when the host build exists; says which build runs and warns when it is not a Release build.</summary>
    public static bool HostBuilt(string dll, string configuration, Action<string> say)
    {
        say($"configuration {configuration}; host {dll}");
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"the host is not built: {dll} is missing (run `dotnet build CommandCenter.sln -c {configuration}`)");
            return false;
        }
        if (configuration != "Release") say("WARNING: not a Release build: figures are not representative");
        return true;
    }

    public static bool ChromiumInstalled()
    {
        if (File.Exists(Browser.Chromium)) return true;
        Console.Error.WriteLine("Debian chromium is not installed: run scripts/install.sh --tests");
        return false;
    }
}
