using System.Diagnostics;
using CommandCenter.Broker;
using CommandCenter.Hosting;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.MultiProcess.Tests;

/// <summary>Bad mode or broker settings stop the process at once with a message saying what to fix.</summary>
public sealed class SettingsTests
{
    private static IConfiguration Config(string mode) => new ConfigurationBuilder().AddInMemoryCollection([new("Mode", mode)]).Build();

    [Fact]
    public void Modes_are_read_case_insensitively_and_single_is_the_default()
    {
        Assert.Equal(ProcessMode.Single, ProcessModes.Of(new ConfigurationBuilder().Build()));
        Assert.Equal(ProcessMode.Silo, ProcessModes.Of(Config("SILO")));
        var ex = Assert.Throws<InvalidOperationException>(() => ProcessModes.Of(Config("worker")));
        Assert.Equal("Mode must be single, silo, ingest or dashboard, not 'worker'", ex.Message);
    }

    [Fact]
    public void Broker_settings_are_checked()
    {
        Assert.Null(new BrokerOptions().Problem());
        Assert.Contains("AMQP URI", new BrokerOptions { Url = "http://rabbit:5672" }.Problem());
        Assert.Contains("between 1 and 1024", new BrokerOptions { Partitions = 0 }.Problem());
        Assert.Contains("positive", new BrokerOptions { ReplyTimeout = TimeSpan.Zero }.Problem());
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_a_bad_mode_or_broker_address_and_says_why()
    {
        foreach (var (env, message) in new[] { (("Mode", "worker"), "Mode must be single, silo, ingest or dashboard"), (("Broker__Url", "rabbit:5672"), "Broker:Url must be an AMQP URI") })
        {
            var psi = new ProcessStartInfo("dotnet", [RepoPaths.DashboardDll, "--contentRoot", RepoPaths.DashboardProject])
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            };
            psi.Environment["Mode"] = env.Item1 == "Mode" ? env.Item2 : "silo";
            if (env.Item1 != "Mode") psi.Environment[env.Item1] = env.Item2;
            psi.Environment["Logging__Directory"] = Directory.CreateTempSubdirectory("cc-bad-").FullName;
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await p.WaitForExitAsync(cts.Token);
            Assert.Equal(2, p.ExitCode);
            Assert.Contains(message, await stderr + await stdout);
        }
    }
}
