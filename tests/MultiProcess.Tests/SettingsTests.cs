using System.Diagnostics;
using CommandCenter.Hosting;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.MultiProcess.Tests;

/// <summary>A bad engine setting stops the host at once with a message saying what to fix.</summary>
public sealed class SettingsTests
{
    private static IConfiguration Config(string engine) => new ConfigurationBuilder().AddInMemoryCollection([new("Live:Engine", engine)]).Build();

    [Fact]
    public void The_engine_is_read_case_insensitively_and_orleans_is_the_default()
    {
        Assert.Equal(LiveEngine.Orleans, LiveEngines.Of(new ConfigurationBuilder().Build()));
        Assert.Equal(LiveEngine.Mailbox, LiveEngines.Of(Config("MAILBOX")));
        var ex = Assert.Throws<InvalidOperationException>(() => LiveEngines.Of(Config("akka")));
        Assert.Equal("Live:Engine must be orleans or mailbox, not 'akka'", ex.Message);
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_a_bad_engine_and_says_why()
    {
        var psi = new ProcessStartInfo("dotnet", [RepoPaths.DashboardDll, "--contentRoot", RepoPaths.DashboardProject])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        psi.Environment["Live__Engine"] = "akka";
        psi.Environment["Logging__Directory"] = Directory.CreateTempSubdirectory("cc-bad-").FullName;
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("Live:Engine must be orleans or mailbox", await stderr + await stdout);
    }
}
