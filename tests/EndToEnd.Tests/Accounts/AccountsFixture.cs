using CommandCenter.Accounts;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.EndToEnd.Tests.Accounts;

/// <summary>A host with one account per role (made the way create-admin makes them: hashed into the accounts file).</summary>
public static class AccountsFixture
{
    public const string Password = "correct-horse-42";
    public static readonly string[] Users = ["duty1", "coord1", "coord2", "leader1", "admin1"];

    public static Task<HostProcess> StartAsync(InfluxFixture influx) => StartAsync(influx.Server);

    public static async Task<HostProcess> StartAsync(InfluxServer influx)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("cc-users-").FullName, "users.json");
        var store = new UserStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:File"] = file }).Build());
        store.Save("duty1", "值班员-张", Roles.Duty, Password);
        store.Save("coord1", "调度员-王", Roles.Coordinator, Password);
        store.Save("coord2", "调度员-李", Roles.Coordinator, Password);
        store.Save("leader1", "领导-赵", Roles.Leader, Password);
        store.Save("admin1", "管理员", Roles.Admin, Password);
        var host = new HostProcess(influx.Url, $"acct_{Guid.NewGuid():N}", new Dictionary<string, string> { ["Accounts__File"] = file, ["Ingest__KeyFile"] = Path.Combine(Path.GetDirectoryName(file)!, "api-keys.json") });
        await host.StartAsync();
        return host;
    }
}
