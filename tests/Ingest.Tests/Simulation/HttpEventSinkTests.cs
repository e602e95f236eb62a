using System.Net;
using System.Text;
using System.Text.Json;
using CommandCenter.Events;
using CommandCenter.Simulation;

namespace CommandCenter.Ingest.Tests.Simulation;

public sealed class HttpEventSinkTests
{
    private static readonly WireEvent CheckIn = new()
    {
        Id = "sim-1-a-1", Type = EventType.PatrolCheckIn, OccurredAt = TestCounty.BeijingNoon, Source = "simulator",
        WorkerId = "gw-00001", Lon = 120.001, Lat = 30.002,
    };

    [Fact]
    public async Task Posts_the_batch_as_json_with_the_api_key()
    {
        var handler = new StubHandler(HttpStatusCode.OK, Answer(new IngestResponse(1, 0, 0, 0, [new(0, CheckIn.Id, IngestStatus.Accepted)])));
        var sink = new HttpEventSink(new HttpClient(handler) { BaseAddress = new Uri("http://ingest.test/") }, "secret-key");

        var response = await sink.SendAsync([CheckIn], CancellationToken.None);

        Assert.Equal(1, response.Accepted);
        Assert.Equal(HttpMethod.Post, handler.Request!.Method);
        Assert.Equal("http://ingest.test/api/v1/events", handler.Request.RequestUri!.ToString());
        Assert.Equal("secret-key", Assert.Single(handler.Request.Headers.GetValues("X-Api-Key")));
        using var body = JsonDocument.Parse(handler.Body!);
        var e = Assert.Single(body.RootElement.GetProperty("events").EnumerateArray().ToList());
        Assert.Equal("patrol_checkin", e.GetProperty("type").GetString());
        Assert.Equal("gw-00001", e.GetProperty("workerId").GetString());
        Assert.False(e.TryGetProperty("gridCode", out _)); // nulls are not written
    }

    [Fact]
    public async Task A_503_with_a_body_comes_back_as_failed_so_the_batch_is_retried()
    {
        var answer = new IngestResponse(0, 0, 0, 1, [new(0, CheckIn.Id, IngestStatus.Failed, "storage down")]);
        var sink = new HttpEventSink(new HttpClient(new StubHandler(HttpStatusCode.ServiceUnavailable, Answer(answer))) { BaseAddress = new Uri("http://ingest.test/") }, null);
        var response = await sink.SendAsync([CheckIn], CancellationToken.None);
        Assert.Equal(1, response.Failed);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "")]
    [InlineData(HttpStatusCode.InternalServerError, "{}")]
    [InlineData(HttpStatusCode.Unauthorized, "")]
    [InlineData(HttpStatusCode.OK, "not json")]
    public async Task Other_answers_throw_so_the_batch_is_kept(HttpStatusCode status, string body)
    {
        var sink = new HttpEventSink(new HttpClient(new StubHandler(status, body)) { BaseAddress = new Uri("http://ingest.test/") }, "s3cr3t-KEY");
        var e = await Assert.ThrowsAsync<EventSinkException>(() => sink.SendAsync([CheckIn], CancellationToken.None));
        Assert.Equal((int)status, e.StatusCode);
        Assert.DoesNotContain("s3cr3t-KEY", e.ToString());
    }

    [Fact]
    public async Task A_network_error_throws_an_EventSinkException()
    {
        var sink = new HttpEventSink(new HttpClient(new StubHandler(new HttpRequestException("connection refused"))) { BaseAddress = new Uri("http://ingest.test/") }, "k");
        var e = await Assert.ThrowsAsync<EventSinkException>(() => sink.SendAsync([CheckIn], CancellationToken.None));
        Assert.Null(e.StatusCode);
    }

    private static string Answer(IngestResponse response) => JsonSerializer.Serialize(response, IngestJson.Options);

    private sealed class StubHandler : HttpMessageHandler
    {
        private readonly HttpStatusCode _status;
        private readonly string _body = "";
        private readonly Exception? _error;

        public StubHandler(HttpStatusCode status, string body) { _status = status; _body = body; }
        public StubHandler(Exception error) => _error = error;

        public HttpRequestMessage? Request { get; private set; }
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Request = request;
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
            if (_error is not null) throw _error;
            return new HttpResponseMessage(_status) { Content = new StringContent(_body, Encoding.UTF8, "application/json") };
        }
    }
}
