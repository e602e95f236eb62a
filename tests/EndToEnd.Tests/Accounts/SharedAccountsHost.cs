using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Accounts;

/// <summary>One host with the <see cref="AccountsFixture"/> accounts shared by the tests of one class (see <see cref="SharedHost"/>).</summary>
public sealed class SharedAccountsHost : IAsyncLifetime
{
    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await AccountsFixture.StartAsync(await InfluxFixture.AcquireAsync());

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync(); // null when the host did not start
        await InfluxFixture.ReleaseAsync();
    }
}
