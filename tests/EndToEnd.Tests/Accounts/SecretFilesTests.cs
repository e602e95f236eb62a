using System.Diagnostics;
using System.Net.Http.Json;
using CommandCenter.Accounts;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.EndToEnd.Tests.Accounts;

/// <summary>Issue 13 item 8: the accounts file, issued API key digests and the kiosk token are 0600 in a 0700 folder, on the real files.</summary>
public sealed class SecretFilesTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;
    private const UnixFileMode WorldReadable = OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [Fact]
    public async Task Files_left_world_readable_are_made_owner_only_on_start_and_new_ones_are_created_so()
    {
        var root = Directory.CreateTempSubdirectory("cc-data-").FullName;
        var users = Path.Combine(root, "users.json");
        var keys = Path.Combine(root, "api-keys.json");
        new UserStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:File"] = users }).Build())
            .Save("admin1", "管理员", Roles.Admin, AccountsFixture.Password);
        await File.WriteAllTextAsync(keys, "[]");
        File.SetUnixFileMode(users, WorldReadable); // as an older version (or a copy) left them
        File.SetUnixFileMode(keys, WorldReadable);
        File.SetUnixFileMode(root, OwnerFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        await using var host = new HostProcess(influx.Server.Url, $"secret_{Guid.NewGuid():N}", new Dictionary<string, string> { ["Data__Root"] = root });
        await host.StartAsync();
        Assert.Equal(OwnerFile, File.GetUnixFileMode(users));
        Assert.Equal(OwnerFile, File.GetUnixFileMode(keys));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(root));

        // a key issued now: the digest file is rewritten owner-only; a sign-in rewrites the accounts file owner-only
        File.Delete(keys);
        using var admin = new Session(host);
        await admin.SignInAsync("admin1", AccountsFixture.Password);
        using var issue = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/api-keys") { Content = JsonContent.Create(new { source = "hotline" }) };
        issue.Headers.Add("X-CSRF-TOKEN", Session.FormToken(await admin.Http.GetStringAsync("/signin")));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.Http.SendAsync(issue)).StatusCode);
        Assert.Equal(OwnerFile, File.GetUnixFileMode(keys));
        using var wrong = new Session(host);
        await wrong.SignInAsync("admin1", "not-the-password");
        Assert.Equal(OwnerFile, File.GetUnixFileMode(users));
        Assert.Empty(Directory.GetFiles(root, "*.tmp"));
    }

    [Fact]
    public void A_new_accounts_file_and_its_folder_are_owner_only()
    {
        var root = Path.Combine(Directory.CreateTempSubdirectory("cc-data-").FullName, "fresh");
        var users = Path.Combine(root, "users.json");
        new UserStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:File"] = users }).Build())
            .Save("admin1", "管理员", Roles.Admin, AccountsFixture.Password);
        Assert.Equal(OwnerFile, File.GetUnixFileMode(users));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(root));
    }

    [Fact]
    public async Task The_scripts_kiosk_token_is_owner_only_made_once_and_fixed_when_readable()
    {
        var root = Path.Combine(Directory.CreateTempSubdirectory("cc-data-").FullName, "data");
        var first = await KioskTokenAsync(root);
        Assert.True(first.Length >= 20, first);
        var file = Path.Combine(root, "kiosk-token");
        Assert.Equal(OwnerFile, File.GetUnixFileMode(file));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(root));
        File.SetUnixFileMode(file, WorldReadable);
        File.SetUnixFileMode(root, OwnerFolder | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        Assert.Equal(first, await KioskTokenAsync(root));
        Assert.Equal(OwnerFile, File.GetUnixFileMode(file));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(root));
    }

    private static async Task<string> KioskTokenAsync(string dataRoot)
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "scripts", "kiosk-token.sh")]) { RedirectStandardOutput = true };
        psi.Environment["Data__Root"] = dataRoot;
        using var p = Process.Start(psi)!;
        var token = (await p.StandardOutput.ReadToEndAsync()).Trim();
        await p.WaitForExitAsync();
        Assert.Equal(0, p.ExitCode);
        return token;
    }
}
