using System.Diagnostics;
using CommandCenter.Hosting;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.EndToEnd.Tests.Hosting;

/// <summary>Issue 13 item 9: one data root for everything, the repository's .data by default; install.sh stable across starts.</summary>
public sealed class DataRootTests
{
    [Fact]
    public void Run_from_the_project_folder_the_data_root_is_the_repository_root_data_not_the_projects()
    {
        Assert.Equal(Path.Combine(RepoPaths.Root, ".data"), DataRoot.Resolve(null, RepoPaths.DashboardProject, RepoPaths.DashboardProject));
        Assert.Equal(Path.Combine(RepoPaths.Root, ".data"), DataRoot.Resolve("", Path.GetTempPath(), RepoPaths.DashboardProject));
    }

    [Fact]
    public void A_configured_root_wins_and_is_made_absolute_and_outside_a_checkout_it_is_data_in_the_working_folder()
    {
        var temp = Directory.CreateTempSubdirectory("cc-root-").FullName;
        Assert.Equal("/srv/cc-data", DataRoot.Resolve("/srv/cc-data", RepoPaths.DashboardProject, RepoPaths.DashboardProject));
        Assert.Equal(Path.Combine(temp, "mine"), DataRoot.Resolve("mine", temp, temp));
        Assert.Equal(Path.Combine(temp, ".data"), DataRoot.Resolve(null, temp, temp));
    }

    [Fact]
    public void Every_data_file_defaults_under_the_root_and_an_own_setting_still_wins()
    {
        var config = new ConfigurationManager();
        config.AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Root"] = "/srv/cc", ["Logging:Directory"] = "/var/log/cc" });
        DataRoot.Apply(config, RepoPaths.DashboardProject);
        Assert.Equal("/srv/cc/users.json", config["Accounts:File"]);
        Assert.Equal("/srv/cc/api-keys.json", config["Ingest:KeyFile"]);
        Assert.Equal("/srv/cc/geography/county.geojson", config["Geography:ImportFile"]);
        Assert.Equal("/var/log/cc", config["Logging:Directory"]);
    }

    /// <summary>
    /// `fc-list | grep -q` under pipefail exited 141 when grep stopped early on a long font list: the fonts looked missing
    /// and were reinstalled, with apt-get update, on some starts. A long list with the font first must install nothing.
    /// </summary>
    [Fact]
    public async Task Install_sh_with_every_tool_present_and_a_long_font_list_runs_no_apt_get()
    {
        var bin = Directory.CreateTempSubdirectory("cc-fakebin-").FullName;
        var calls = Path.Combine(bin, "apt-calls");
        await File.WriteAllTextAsync(Path.Combine(bin, "fc-list"),
            "#!/usr/bin/env bash\necho '/usr/share/fonts/NotoSansCJK-Regular.ttc: Noto Sans CJK SC:style=Regular'\nfor i in $(seq 1 200000); do echo \"/usr/share/fonts/other-$i.ttf: Other $i\"; done\n");
        await File.WriteAllTextAsync(Path.Combine(bin, "apt-get"), $"#!/usr/bin/env bash\necho \"$*\" >> {calls}\n");
        foreach (var f in new[] { "fc-list", "apt-get" }) File.SetUnixFileMode(Path.Combine(bin, f), (UnixFileMode)0b111_101_101);
        for (var run = 0; run < 3; run++)
        {
            var psi = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "scripts", "install.sh")]) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
            using var p = Process.Start(psi)!;
            var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, output);
            Assert.DoesNotContain("installing", output);
        }
        Assert.False(File.Exists(calls), File.Exists(calls) ? await File.ReadAllTextAsync(calls) : "");
    }
}
