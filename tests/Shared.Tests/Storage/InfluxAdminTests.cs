using CommandCenter.Storage;
using CommandCenter.TestSupport;

namespace CommandCenter.Shared.Tests.Storage;

[Collection(InfluxFixture.Collection)]
public class InfluxAdminTests(InfluxFixture influx)
{
    [Fact]
    public async Task Ping_answers_true_for_a_running_server()
    {
        var client = await influx.CreateClientAsync("admin");
        Assert.True(await client.PingAsync());
    }

    [Fact]
    public async Task EnsureDatabase_is_idempotent_and_skipped_when_CreateDatabase_is_off()
    {
        var client = await influx.CreateClientAsync("admin");
        await client.EnsureDatabaseAsync();

        var options = influx.Server.CreateOptions("admin_no_create");
        options.CreateDatabase = false;
        await new InfluxClient(new HttpClient(), options).EnsureDatabaseAsync();

        var databases = (await client.QueryAsync("SHOW DATABASES").ToListAsync()).Select(r => r.GetString("name")).ToList();
        Assert.Contains(client.Options.Database, databases);
        Assert.DoesNotContain("admin_no_create", databases);
    }

    [Fact]
    public async Task ExecuteAsync_runs_statements_and_reports_errors()
    {
        var client = await influx.CreateClientAsync("admin");
        await client.WriteLinesAsync(["gone v=1i 1", "kept v=1i 1"]);

        await client.ExecuteAsync("DROP MEASUREMENT gone");

        var names = (await client.QueryAsync("SHOW MEASUREMENTS").ToListAsync()).Select(r => r.GetString("name"));
        Assert.Equal(["kept"], names);
        await Assert.ThrowsAsync<InfluxQueryException>(() => client.ExecuteAsync("DROP NONSENSE"));
    }
}
