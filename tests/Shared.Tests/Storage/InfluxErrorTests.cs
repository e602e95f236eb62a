using System.Net;
using CommandCenter.Storage;
using CommandCenter.TestSupport;

namespace CommandCenter.Shared.Tests.Storage;

[Collection(InfluxFixture.Collection)]
public class InfluxErrorTests(InfluxFixture influx)
{
    [Fact]
    public async Task A_query_that_does_not_parse_raises_InfluxQueryException_with_the_server_text()
    {
        var client = await influx.CreateClientAsync("errors");
        var e = await Assert.ThrowsAsync<InfluxQueryException>(() => client.QueryAsync("SELECT * FROM").ToListAsync());
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Contains("error parsing query", e.ServerError);
    }

    [Fact]
    public async Task A_failing_statement_raises_InfluxQueryException()
    {
        var client = await influx.CreateClientAsync("errors");
        await client.WriteLinesAsync(["m v=1i 1"]);
        var e = await Assert.ThrowsAsync<InfluxQueryException>(() => client.QueryAsync("SELECT nosuchfunction(v) FROM m").ToListAsync());
        Assert.Contains("undefined function", e.ServerError);
        Assert.Equal(0, e.StatementId);

        var missing = new InfluxClient(new HttpClient(), influx.Server.CreateOptions("never_created"));
        var e2 = await Assert.ThrowsAsync<InfluxQueryException>(() => missing.QueryAsync("SELECT * FROM m").ToListAsync());
        Assert.Contains("database not found", e2.ServerError);
    }

    [Fact]
    public async Task A_malformed_line_raises_InfluxWriteException_naming_it_and_the_good_lines_are_stored()
    {
        var client = await influx.CreateClientAsync("errors");
        var e = await Assert.ThrowsAsync<InfluxWriteException>(() =>
            client.WriteLinesAsync(["m v=1i 1", "this is not line protocol", "m v=2i 2"]));
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Contains("this is not line protocol", e.ServerError);
        Assert.Contains("this is not line protocol", e.Message);
        Assert.Equal(2, await client.CountAsync("m")); // influxd 1.x stores the rest of the batch ("partial write")
    }

    [Fact]
    public async Task A_field_type_conflict_raises_InfluxWriteException()
    {
        var client = await influx.CreateClientAsync("errors");
        await client.WriteAsync([new LinePoint("m").Field("v", 1L).At(1)]);
        var e = await Assert.ThrowsAsync<InfluxWriteException>(() => client.WriteAsync([new LinePoint("m").Field("v", "text").At(2)]));
        Assert.Contains("field type conflict", e.ServerError);
    }

    [Fact]
    public async Task Writing_to_a_missing_database_raises_InfluxWriteException()
    {
        var client = new InfluxClient(new HttpClient(), influx.Server.CreateOptions("not_there"));
        var e = await Assert.ThrowsAsync<InfluxWriteException>(() => client.WriteLinesAsync(["m v=1i"]));
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Contains("database not found", e.ServerError);
    }
}
