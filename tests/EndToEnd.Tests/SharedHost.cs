using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests;

/// <summary>
/// One real host (its own database) shared by the tests of one class, for classes whose tests only send input and
/// compare before with after: a host start costs seconds, and a fresh one per test made most of the suite's time.
/// A class that needs a fresh host per test (counts from zero, restarts, lockouts) starts its own.
/// </summary>
public sealed class SharedHost : IAsyncLifetime
{
    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new HostProcess((await InfluxFixture.AcquireAsync()).Url, $"shared_{Guid.NewGuid():N}");
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync(); // null when the host did not start
        await InfluxFixture.ReleaseAsync();
    }
}
