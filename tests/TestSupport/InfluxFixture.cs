using CommandCenter.Storage;
using Xunit;

namespace CommandCenter.TestSupport;

/// <summary>
/// One real influxd shared by the tests of a test assembly. Each test takes its own database
/// (<see cref="CreateClientAsync"/> makes a fresh one), so tests stay independent.
/// xunit needs the collection declared inside each test assembly; add this once per test project:
/// <code>
/// [CollectionDefinition(InfluxFixture.Collection)]
/// public sealed class InfluxCollection : ICollectionFixture&lt;InfluxFixture&gt; { }
/// </code>
/// and mark test classes with <c>[Collection(InfluxFixture.Collection)]</c>, taking
/// <see cref="InfluxFixture"/> in their constructor.
/// </summary>
public sealed class InfluxFixture : IAsyncLifetime
{
    public const string Collection = "influx";

    private InfluxServer? _server;

    public InfluxServer Server => _server ?? throw new InvalidOperationException("InfluxFixture not initialized.");

    public Task<InfluxClient> CreateClientAsync(string database, Action<InfluxOptions>? configure = null) =>
        Server.CreateClientAsync(database, configure);

    public async Task InitializeAsync() => _server = await InfluxServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
