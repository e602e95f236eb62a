using CommandCenter.Storage;

namespace CommandCenter.TestSupport;

public static class InfluxQueryExtensions
{
    /// <summary>Runs a query against another database on the same server as <paramref name="client"/>.</summary>
    public static IAsyncEnumerable<InfluxRow> QueryAsyncIn(this InfluxClient client, string database, string influxQl)
    {
        var options = client.Options.Clone();
        options.Database = database;
        options.CreateDatabase = false;
        return new InfluxClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options).QueryAsync(influxQl);
    }
}
