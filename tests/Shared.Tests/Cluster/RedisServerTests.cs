using System.Net;
using System.Net.Sockets;
using CommandCenter.TestSupport;

namespace CommandCenter.Shared.Tests.Cluster;

/// <summary>The Orleans membership store the multi-silo tests run on: a real redis-server, started and ended by the fixture.</summary>
public sealed class RedisServerTests
{
    [Fact]
    public async Task A_started_Redis_stores_and_returns_a_key_over_RESP_and_is_gone_after_dispose()
    {
        var redis = await RedisServer.StartAsync();
        int port, pid;
        string dir;
        await using (redis)
        {
            (port, dir, pid) = (redis.Port, redis.DataDir, redis.ProcessId);
            Assert.True(redis.IsRunning);
            Assert.True(Directory.Exists($"/proc/{pid}"));
            Assert.Equal("PONG", await redis.CommandAsync("PING"));
            Assert.Equal("OK", await redis.CommandAsync("SET", "cc:membership:probe", "silo-1 active"));
            Assert.Equal("silo-1 active", await redis.CommandAsync("GET", "cc:membership:probe"));
            Assert.Null(await redis.CommandAsync("GET", "cc:no-such-key"));
            await Assert.ThrowsAsync<InvalidOperationException>(() => redis.CommandAsync("NOSUCHCOMMAND"));
        }

        Assert.False(Directory.Exists($"/proc/{pid}"), $"redis-server (pid {pid}) should have ended");
        Assert.False(Directory.Exists(dir), $"the data dir {dir} should be deleted");
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Two_servers_run_side_by_side_on_their_own_ports_and_data()
    {
        await using var a = await RedisServer.StartAsync();
        await using var b = await RedisServer.StartAsync();
        Assert.NotEqual(a.Port, b.Port);
        await a.CommandAsync("SET", "k", "a");
        Assert.Null(await b.CommandAsync("GET", "k"));
        Assert.Equal("a", await a.CommandAsync("GET", "k"));
    }
}
