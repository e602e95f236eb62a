using System.Net;
using System.Text.Json;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Accounts;

/// <summary>An admin sees the Orleans cluster on /admin: the silo, its status and its grains by kind; nobody else does.</summary>
public sealed class ClusterViewTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
{
    [Fact]
    public async Task An_admin_sees_the_silo_and_its_grains_by_kind_and_a_leader_is_refused()
    {
        await using var host = await AccountsFixture.StartAsync(influx);
        using var admin = new Session(host);
        await admin.SignInAsync("admin1", AccountsFixture.Password);

        using var cluster = JsonDocument.Parse(await admin.Http.GetStringAsync("/api/v1/admin/cluster"));
        var silo = Assert.Single(cluster.RootElement.EnumerateArray());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        var grains = silo.GetProperty("grains");
        // the screens loaded the whole county at start: every grid, community and street grain is active on this silo
        Assert.Equal(2400, grains.GetProperty("GridGrain").GetInt32());
        Assert.Equal(12, grains.GetProperty("StreetGrain").GetInt32());
        Assert.Equal(1, grains.GetProperty("CountyGrain").GetInt32());
        Assert.Equal(1, grains.GetProperty("CommandBoardGrain").GetInt32());

        var page = await admin.Http.GetStringAsync("/admin");
        Assert.Contains("id=\"cluster\"", page);
        Assert.Contains(silo.GetProperty("address").GetString()!, page);

        using var leader = new Session(host);
        await leader.SignInAsync("leader1", AccountsFixture.Password);
        using var refused = await leader.Http.GetAsync("/api/v1/admin/cluster");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
