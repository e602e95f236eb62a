using CommandCenter.Storage;
using Xunit;

namespace CommandCenter.TestSupport;

/// <summary>
/// One real influxd per test process, shared by every test that takes this fixture, as a collection fixture
/// (<c>[CollectionDefinition(InfluxFixture.Collection)] … ICollectionFixture&lt;InfluxFixture&gt;</c> once per test
/// project, then <c>[Collection(InfluxFixture.Collection)]</c>: those classes run one after another) or as a class
/// fixture (<c>IClassFixture&lt;InfluxFixture&gt;</c>: each class is its own collection, so classes run in parallel,
/// still on the one influxd). Each test takes its own database (<see cref="CreateClientAsync"/> makes a fresh one),
/// so tests stay independent. The influxd is started by the first fixture and stopped when the test process exits.
/// </summary>
public sealed class InfluxFixture : IAsyncLifetime
{
    public const string Collection = "influx";

    private static readonly Lazy<Task<InfluxServer>> Shared = new(StartSharedAsync);

    private InfluxServer? _server;

    public InfluxServer Server => _server ?? throw new InvalidOperationException("InfluxFixture not initialized.");

    /// <summary>The test process's influxd, started on first use (for fixtures that cannot take this one in their constructor).</summary>
    public static Task<InfluxServer> SharedServerAsync() => Shared.Value;

    public Task<InfluxClient> CreateClientAsync(string database, Action<InfluxOptions>? configure = null) =>
        Server.CreateClientAsync(database, configure);

    public async Task InitializeAsync() => _server = await SharedServerAsync();

    /// <summary>Nothing: other fixtures of the process may still use the influxd; it goes when the process exits.</summary>
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<InfluxServer> StartSharedAsync()
    {
        var server = await InfluxServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
