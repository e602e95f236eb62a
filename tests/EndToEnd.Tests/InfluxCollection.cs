using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests;

[CollectionDefinition(InfluxFixture.Collection)]
public sealed class InfluxCollection : ICollectionFixture<InfluxFixture>;
