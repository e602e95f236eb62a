using CommandCenter.Storage;
using CommandCenter.TestSupport;

namespace CommandCenter.Shared.Tests.Storage;

/// <summary>Retries against a real server that is absent, stopped, killed and restarted.</summary>
[Collection(InfluxFixture.Collection)]
public class InfluxRetryTests
{
    [Fact]
    public async Task Nothing_listening_gives_InfluxUnavailableException_after_the_retries()
    {
        var options = new InfluxOptions
        {
            Url = $"http://127.0.0.1:{FreePort.Next()}",
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        };
        var client = new InfluxClient(new HttpClient(), options);

        var e = await Assert.ThrowsAsync<InfluxUnavailableException>(() => client.WriteAsync([new LinePoint("m").Field("v", 1L)]));
        Assert.Equal(3, e.Attempts);
        Assert.IsType<HttpRequestException>(e.InnerException);
        await Assert.ThrowsAsync<InfluxUnavailableException>(() => client.QueryAsync("SELECT * FROM m").ToListAsync());
        Assert.False(await client.PingAsync());
    }

    [Fact]
    public async Task A_write_started_while_the_server_is_down_succeeds_once_it_is_back()
    {
        await using var server = await InfluxServer.StartAsync();
        var client = await server.CreateClientAsync("restart", o =>
        {
            o.MaxRetries = 10;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
        });
        await client.WriteAsync([new LinePoint("m").Field("v", 1L).At(1)]);

        server.Stop();
        Assert.False(await client.PingAsync());
        var write = client.WriteAsync([new LinePoint("m").Field("v", 2L).At(2)]);
        await Task.Delay(400);
        Assert.False(write.IsCompleted); // still retrying
        await server.StartAgainAsync();
        await write.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, await client.CountAsync("m")); // the point from before the stop survived too
    }

    [Fact]
    public async Task Acknowledged_writes_survive_a_kill()
    {
        await using var server = await InfluxServer.StartAsync();
        var client = await server.CreateClientAsync("kill");
        await client.WriteAsync(Enumerable.Range(1, 100).Select(i => new LinePoint("m").Field("v", (long)i).At(i)).ToList());

        server.Kill();
        await server.StartAgainAsync();

        Assert.Equal(100, await client.CountAsync("m"));
    }
}
