using CommandCenter.Storage;
using Xunit;

namespace CommandCenter.TestSupport;

/// <summary>
/// One real influxd shared by the fixtures of a test process that use it at the same time, as a collection fixture
/// (<c>[CollectionDefinition(InfluxFixture.Collection)] … ICollectionFixture&lt;InfluxFixture&gt;</c> once per test
/// project, then <c>[Collection(InfluxFixture.Collection)]</c>: those classes run one after another) or as a class
/// fixture (<c>IClassFixture&lt;InfluxFixture&gt;</c>: each class is its own collection, so classes run in parallel,
/// still on one influxd). Each test takes its own database (<see cref="CreateClientAsync"/> makes a fresh one), so
/// tests stay independent. The first user starts the influxd, the last one to let go stops it and deletes its data
/// (the test host does not reliably run exit handlers: an influxd left to the process's exit outlived it).
/// </summary>
public sealed class InfluxFixture : IAsyncLifetime
{
    public const string Collection = "influx";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static InfluxServer? _shared;
    private static int _users;

    private InfluxServer? _server;

    public InfluxServer Server => _server ?? throw new InvalidOperationException("InfluxFixture not initialized.");

    public Task<InfluxClient> CreateClientAsync(string database, Action<InfluxOptions>? configure = null) =>
        Server.CreateClientAsync(database, configure);

    public async Task InitializeAsync() => _server = await AcquireAsync();

    public async Task DisposeAsync()
    {
        if (_server is null) return;
        _server = null;
        await ReleaseAsync();
    }

    /// <summary>The shared influxd, started if nobody uses it yet; every call is matched by one <see cref="ReleaseAsync"/>
    /// (for fixtures that cannot take this one in their constructor, such as class fixtures).</summary>
    public static async Task<InfluxServer> AcquireAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _shared ??= await InfluxServer.StartAsync();
            _users++;
            return _shared;
        }
        finally { Gate.Release(); }
    }

    /// <summary>Lets go of the shared influxd; the last user's release stops it and deletes its data.</summary>
    public static async Task ReleaseAsync()
    {
        InfluxServer? last = null;
        await Gate.WaitAsync();
        try
        {
            if (--_users == 0) (last, _shared) = (_shared, null);
        }
        finally { Gate.Release(); }
        if (last is not null) await last.DisposeAsync();
    }
}
