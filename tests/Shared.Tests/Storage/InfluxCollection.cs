using CommandCenter.TestSupport;

namespace CommandCenter.Shared.Tests.Storage;

/// <summary>One real influxd for all tests of this assembly marked [Collection(InfluxFixture.Collection)].</summary>
[CollectionDefinition(InfluxFixture.Collection)]
public sealed class InfluxCollection : ICollectionFixture<InfluxFixture>
{
}
