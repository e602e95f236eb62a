using System.Net;
using CommandCenter.Storage;

namespace CommandCenter.Shared.Tests.Storage;

/// <summary>Requests, retries and parsing against a scripted HTTP handler (no server).</summary>
public class InfluxClientProtocolTests
{
    private static (InfluxClient, StubInfluxHandler) Create(Func<HttpRequestMessage, int, HttpResponseMessage> respond,
        Action<InfluxOptions>? configure = null)
    {
        var handler = new StubInfluxHandler(respond);
        var options = new InfluxOptions { Url = "http://influx.test:8086/", Database = "d b", MaxRetries = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
        configure?.Invoke(options);
        return (new InfluxClient(new HttpClient(handler), options), handler);
    }

    [Fact]
    public async Task Writes_are_split_into_batches_of_MaxBatchLines()
    {
        var (client, handler) = Create((_, _) => StubInfluxHandler.Status(HttpStatusCode.NoContent), o => o.MaxBatchLines = 5);
        var points = Enumerable.Range(0, 12).Select(i => new LinePoint("m").Field("v", (long)i).At(i)).ToList();
        await client.WriteAsync(points);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("http://influx.test:8086/write?db=d%20b&precision=ns", r.Uri.AbsoluteUri));
        Assert.Equal(string.Concat(Enumerable.Range(0, 5).Select(i => $"m v={i}i {i}\n")), handler.Requests[0].Body);
        Assert.Equal("m v=10i 10\nm v=11i 11\n", handler.Requests[2].Body);
    }

    [Fact]
    public async Task Retention_policy_and_token_are_sent()
    {
        var (client, handler) = Create((_, _) => StubInfluxHandler.Status(HttpStatusCode.NoContent),
            o => { o.RetentionPolicy = "week"; o.Token = "abc"; o.Username = "ignored"; });
        await client.WriteLinesAsync(["m v=1i"]);
        Assert.Equal("http://influx.test:8086/write?db=d%20b&rp=week&precision=ns", handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("Token abc", handler.Requests[0].Authorization);
    }

    [Fact]
    public async Task Username_and_password_go_in_a_basic_header_not_the_url()
    {
        var (client, handler) = Create((_, _) => StubInfluxHandler.Status(HttpStatusCode.NoContent),
            o => { o.Username = "u"; o.Password = "p:w"; });
        await client.WriteLinesAsync(["m v=1i"]);
        Assert.Equal("Basic " + Convert.ToBase64String("u:p:w"u8.ToArray()), handler.Requests[0].Authorization);
        Assert.DoesNotContain("p:w", handler.Requests[0].Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Server_errors_and_429_are_retried(HttpStatusCode failure)
    {
        var (client, handler) = Create((_, n) => n < 3
            ? StubInfluxHandler.Status(failure, "{\"error\":\"busy\"}")
            : StubInfluxHandler.Status(HttpStatusCode.NoContent));
        await client.WriteLinesAsync(["m v=1i"]);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Retries_run_out_with_InfluxUnavailableException()
    {
        var (client, handler) = Create((_, _) => StubInfluxHandler.Status(HttpStatusCode.InternalServerError, "{\"error\":\"engine down\"}"));
        var e = await Assert.ThrowsAsync<InfluxUnavailableException>(() => client.WriteLinesAsync(["m v=1i"]));
        Assert.Equal(4, handler.Requests.Count); // first attempt + MaxRetries
        Assert.Equal(4, e.Attempts);
        Assert.Equal("engine down", e.ServerError);
        Assert.Contains("engine down", e.Message);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        var (client, handler) = Create((_, _) => StubInfluxHandler.Status(HttpStatusCode.BadRequest,
            "{\"error\":\"unable to parse 'bad': missing fields\"}"), o => o.MaxBatchLines = 2);
        var e = await Assert.ThrowsAsync<InfluxWriteException>(() => client.WriteLinesAsync(["a v=1i", "b v=1i", "bad"]));
        Assert.Single(handler.Requests);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal("unable to parse 'bad': missing fields", e.ServerError);
        Assert.Equal(0, e.FirstLineIndex);
    }

    [Fact]
    public async Task Select_and_show_use_GET_other_statements_POST()
    {
        var (client, handler) = Create((_, _) => StubInfluxHandler.Status(HttpStatusCode.OK, "{\"results\":[{\"statement_id\":0}]}"));
        await foreach (var _ in client.QueryAsync("SELECT * FROM m")) { }
        await foreach (var _ in client.QueryAsync(" show measurements")) { }
        await foreach (var _ in client.QueryAsync("SELECT * INTO b FROM a")) { }
        await client.ExecuteAsync("DROP MEASUREMENT m");
        Assert.Equal([HttpMethod.Get, HttpMethod.Get, HttpMethod.Post, HttpMethod.Post], handler.Requests.Select(r => r.Method));
        Assert.Equal("http://influx.test:8086/query?db=d%20b&epoch=ns&chunked=true&chunk_size=10000&q=SELECT%20%2A%20FROM%20m",
            handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("q=DROP+MEASUREMENT+m", handler.Requests[3].Body);
    }

    [Fact]
    public async Task Chunked_results_are_parsed_line_by_line_with_typed_values()
    {
        const string body =
            "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"tags\":{\"grid\":\"G1\"},\"columns\":[\"time\",\"s\",\"i\",\"f\",\"b\",\"n\"],\"values\":[[1,\"a\\nb\",9223372036854775807,0.5,true,null],[2,\"x\",-1,3,false,null]],\"partial\":true}],\"partial\":true}]}\n" +
            "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"tags\":{\"grid\":\"G2\"},\"columns\":[\"time\",\"f\"],\"values\":[[3,1e20]]}]}]}\n";
        var (client, _) = Create((_, _) => StubInfluxHandler.Status(HttpStatusCode.OK, body));
        var rows = new List<InfluxRow>();
        await foreach (var row in client.QueryAsync("SELECT * FROM m GROUP BY grid")) rows.Add(row);

        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.TimeNs));
        var first = rows[0];
        Assert.Equal("m", first.Measurement);
        Assert.Equal("G1", first.Tags["grid"]);
        Assert.Equal("a\nb", first.GetString("s"));
        Assert.Equal(long.MaxValue, first.GetLong("i"));
        Assert.Equal(0.5, first.GetDouble("f"));
        Assert.True(first.GetBool("b"));
        Assert.False(first.Has("n"));
        Assert.Null(first.GetString("n"));
        Assert.False(first.Has("nope"));
        Assert.Null(first.GetLong("nope"));
        Assert.Equal(3.0, rows[1].GetDouble("f")); // whole floats arrive as JSON integers
        Assert.Equal(1e20, rows[2].GetDouble("f"));
        Assert.Equal("G2", rows[2].Tags["grid"]);
        Assert.Throws<InvalidCastException>(() => first.GetLong("s"));
        Assert.Throws<InvalidCastException>(() => first.GetLong("f"));
    }

    [Fact]
    public async Task Statement_errors_become_InfluxQueryException()
    {
        var (client, _) = Create((_, _) => StubInfluxHandler.Status(HttpStatusCode.OK,
            "{\"results\":[{\"statement_id\":0,\"error\":\"database not found: x\"}]}\n"));
        var e = await Assert.ThrowsAsync<InfluxQueryException>(async () =>
        {
            await foreach (var _ in client.QueryAsync("SELECT * FROM m")) { }
        });
        Assert.Equal("database not found: x", e.ServerError);
        Assert.Equal(0, e.StatementId);
    }

    [Fact]
    public async Task Ping_is_true_for_success_only_and_sends_the_token()
    {
        var (up, upHandler) = Create((_, _) => StubInfluxHandler.Status(HttpStatusCode.NoContent), o => o.Token = "t");
        var (failing, _) = Create((_, _) => StubInfluxHandler.Status(HttpStatusCode.ServiceUnavailable));
        var (down, _) = Create((_, _) => throw new HttpRequestException("refused"));
        Assert.True(await up.PingAsync());
        Assert.Equal("Token t", upHandler.Requests[0].Authorization);
        Assert.Equal("/ping", upHandler.Requests[0].Uri.AbsolutePath);
        Assert.False(await failing.PingAsync());
        Assert.False(await down.PingAsync());
    }
}
