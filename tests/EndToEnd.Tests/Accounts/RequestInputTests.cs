using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Accounts;

/// <summary>
/// Malformed input on every console and admin endpoint (issue 13 items 3 and 4): a 400 naming the field, never a 500;
/// nothing applied. Signed in as a coordinator (console) and an admin (admin API) on the real host.
/// </summary>
public sealed class RequestInputTests(SharedAccountsHost shared) : IClassFixture<SharedAccountsHost>, IAsyncLifetime
{
    private HostProcess _host = null!;
    private Session _coord = null!, _admin = null!;
    private string _coordCsrf = "", _adminCsrf = "";

    public async Task InitializeAsync()
    {
        _host = shared.Host;
        _coord = new Session(_host);
        await _coord.SignInAsync("coord1", AccountsFixture.Password);
        _coordCsrf = await _coord.CsrfAsync();
        _admin = new Session(_host);
        await _admin.SignInAsync("admin1", AccountsFixture.Password);
        _adminCsrf = Session.FormToken(await _admin.Http.GetStringAsync("/signin"));
    }

    public Task DisposeAsync()
    {
        _coord.Dispose();
        _admin.Dispose();
        return Task.CompletedTask;
    }

    private async Task<(HttpStatusCode Status, string Body)> Send(string method, string path, byte[]? body)
    {
        var s = path.Contains("/admin/") ? _admin : _coord;
        using var req = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            req.Content = new ByteArrayContent(body);
            req.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }
        req.Headers.Add("X-CSRF-TOKEN", path.Contains("/admin/") ? _adminCsrf : _coordCsrf);
        using var r = await s.Http.SendAsync(req);
        return (r.StatusCode, await r.Content.ReadAsStringAsync());
    }

    private Task<(HttpStatusCode Status, string Body)> Send(string method, string path, string json) => Send(method, path, Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("lon=NaN&lat=30", "lon")]
    [InlineData("lon=1e400&lat=30", "lon")]
    [InlineData("lon=120&lat=Infinity", "lat")]
    [InlineData("lon=120&lat=-1e400", "lat")]
    [InlineData("lon=181&lat=30", "lon")]
    public async Task Non_finite_coordinates_on_the_unit_search_are_400_naming_the_field(string query, string field)
    {
        var (status, body) = await Send("GET", $"/api/v1/console/units?{query}", (byte[]?)null);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, JsonDocument.Parse(body).RootElement.GetProperty("field").GetString());
        Assert.Contains($"{field} must be a finite number", body);
    }

    public static readonly TheoryData<string, string, string> TooLong = new()
    {
        { "/api/v1/console/incidents", $$"""{"title": "{{new string('t', 201)}}", "level": 2}""", "title" },
        { "/api/v1/console/incidents", $$"""{"title": "t", "level": 2, "commander": "{{new string('c', 101)}}"}""", "commander" },
        { "/api/v1/console/incidents/INC-1/note", $$"""{"note": "{{new string('字', 2001)}}"}""", "note" },
        { "/api/v1/console/incidents/INC-1/update", $$"""{"streets": [{{string.Join(",", Enumerable.Repeat("\"s\"", 101))}}]}""", "streets" },
        { $"/api/v1/console/alarms/{new string('a', 129)}/acknowledge", """{"note": "n"}""", "alarmId" },
        { "/api/v1/console/whistles", $$"""{"street": "s", "departments": ["{{new string('d', 101)}}"]}""", "departments" },
        { "/api/v1/console/incidents/INC-1/orders", $$"""{"units": [{"unitId": "{{new string('u', 129)}}", "unitKind": "fire"}]}""", "units[0].unitId" },
        { "/api/v1/admin/users", $$"""{"userName": "u1", "displayName": "{{new string('n', 101)}}", "role": "duty", "password": "long-enough-9"}""", "displayName" },
        { "/api/v1/admin/api-keys", $$"""{"source": "{{new string('s', 101)}}"}""", "source" },
    };

    [Theory]
    [MemberData(nameof(TooLong))]
    public async Task A_value_over_its_limit_is_400_naming_the_field(string path, string json, string field)
    {
        var (status, body) = await Send("POST", path, json);
        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body}");
        Assert.Equal(field, JsonDocument.Parse(body).RootElement.GetProperty("field").GetString());
        Assert.Matches("longer than|holds more than", body);
    }

    public static readonly TheoryData<string, string, string> Missing = new()
    {
        { "/api/v1/console/incidents/INC-1/orders", """{"units": null}""", "units" },
        { "/api/v1/console/incidents/INC-1/orders", """{"units": [null]}""", "units[0]" },
        { "/api/v1/console/incidents/INC-1/orders", """{"units": [{"unitKind": "fire"}]}""", "units[0].unitId" },
        { "/api/v1/console/orders/ORD-1/state", "{}", "state" },
        { "/api/v1/console/cases/C-1/state", """{"state": null}""", "state" },
        { "/api/v1/console/whistles", """{"departments": ["d"]}""", "street" },
        { "/api/v1/console/whistles", """{"street": "s"}""", "departments" },
        { "/api/v1/console/whistles/WSL-1/report-in", """{"state": "arrived"}""", "department" },
        { "/api/v1/console/incidents", """{"level": 2}""", "title" },
        { "/api/v1/admin/users", """{"displayName": "x", "role": "duty", "password": "long-enough-9"}""", "userName" },
        { "/api/v1/admin/users", """{"userName": "x", "role": "duty", "password": "long-enough-9"}""", "displayName" },
        { "/api/v1/admin/api-keys", "{}", "source" },
    };

    [Theory]
    [MemberData(nameof(Missing))]
    public async Task A_missing_required_field_is_400_naming_it_not_500(string path, string json, string field)
    {
        var (status, body) = await Send("POST", path, json);
        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body}");
        Assert.Equal(field, JsonDocument.Parse(body).RootElement.GetProperty("field").GetString());
        Assert.Contains($"{field} is", body);
    }

    /// <summary>Every POST endpoint of the console and admin APIs with bodies that are not what it reads: never a 5xx.</summary>
    [Fact]
    public async Task Every_console_and_admin_endpoint_answers_malformed_bodies_with_a_4xx()
    {
        string[] paths =
        [
            "/api/v1/console/alarms/A-1/acknowledge", "/api/v1/console/incidents", "/api/v1/console/incidents/INC-1/update",
            "/api/v1/console/incidents/INC-1/link", "/api/v1/console/incidents/INC-1/note", "/api/v1/console/incidents/INC-1/close",
            "/api/v1/console/incidents/INC-1/orders", "/api/v1/console/orders/ORD-1/state", "/api/v1/console/whistles",
            "/api/v1/console/whistles/WSL-1/report-in", "/api/v1/console/cases/C-1/state", "/api/v1/admin/users", "/api/v1/admin/api-keys",
        ];
        byte[][] bodies =
        [
            "{"u8.ToArray(), "null"u8.ToArray(), "[]"u8.ToArray(), "42"u8.ToArray(), "\"x\""u8.ToArray(), Array.Empty<byte>(),
            """{"title": 5, "level": "high", "units": {}, "state": [], "note": {"a": 1}, "street": 1, "departments": "d", "userName": 1}"""u8.ToArray(),
            """{"title": "\ud800", "note": "\udc00", "state": "\ud800", "street": "\ud800", "departments": ["\ud800"], "userName": "\ud800", "source": "\ud800"}"""u8.ToArray(),
            [.. Encoding.UTF8.GetBytes("{\"title\": \"a"), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("\", \"level\": 2, \"note\": \"x\", \"state\": \"x\", \"street\": \"x\", \"departments\": [\"d\"], \"userName\": \"u\", \"source\": \"s\"}")],
        ];
        var failures = new List<string>();
        foreach (var path in paths)
            foreach (var body in bodies)
            {
                var (status, text) = await Send("POST", path, body);
                if ((int)status >= 500) failures.Add($"POST {path} {Encoding.UTF8.GetString(body)[..Math.Min(40, body.Length)]}: {(int)status} {text}");
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Every GET endpoint with query and route values that are not what it reads: never a 5xx.</summary>
    [Fact]
    public async Task Every_get_endpoint_answers_malformed_queries_and_routes_without_a_5xx()
    {
        var longId = new string('x', 300);
        string[] paths =
        [
            "/api/v1/trends?hours=abc", "/api/v1/trends?hours=-5", "/api/v1/trends?hours=99999999999", "/api/v1/county?x=%FF",
            $"/api/v1/areas/{longId}", "/api/v1/areas/%FF%FE", "/api/v1/grids/%00", "/api/v1/grids/%FF", "/api/v1/geo/%FF", "/api/v1/geo/x",
            "/api/v1/console/units?take=abc", "/api/v1/console/units?take=-5&lon=120&lat=30", $"/api/v1/console/units?incident={longId}",
            "/api/v1/console/units?lon=%FF&lat=30", "/api/v1/console/units", "/api/v1/console/alarms?x=%FF", "/api/v1/console/board",
            "/api/v1/replay/incidents?from=garbage", "/api/v1/replay/incidents?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z",
            "/api/v1/replay/incidents?from=9999-12-31T23:59:59%2B14:00", "/api/v1/replay/nope", "/api/v1/replay/nope/frame?at=x",
            "/api/v1/replay/nope/step?at=2026-01-01T00:00:00Z&dir=sideways", "/api/v1/audit?limit=-1", "/api/v1/audit?limit=abc",
            "/api/v1/audit?limit=99999999999", "/api/v1/admin/users?x=%FF", "/api/v1/admin/api-keys", "/api/v1/admin/geography/export",
            "/denied?ReturnUrl=%FF", $"/denied?ReturnUrl=/{longId}%3Cb%3Exss-mark%3C/b%3E", "/signin?error=%FF&returnUrl=%00",
        ];
        var failures = new List<string>();
        foreach (var path in paths)
        {
            var s = path.Contains("/admin/") ? _admin : _coord;
            using var r = await s.Http.GetAsync(path);
            if ((int)r.StatusCode >= 500) failures.Add($"GET {path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            if (path.StartsWith("/denied") && (await r.Content.ReadAsStringAsync()).Contains("<b>xss-mark")) failures.Add($"GET {path}: markup echoed");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_refused_value_applies_nothing()
    {
        var (status, _) = await Send("POST", "/api/v1/console/incidents", $$"""{"title": "{{new string('t', 201)}}", "level": 2, "requestId": "too-long-title"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var board = JsonDocument.Parse(await _coord.Http.GetStringAsync("/api/v1/console/board"));
        Assert.DoesNotContain("TOO-LONG-T", board.RootElement.GetRawText());
    }
}
