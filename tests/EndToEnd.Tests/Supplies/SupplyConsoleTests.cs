using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.EndToEnd.Tests.Accounts;
using CommandCenter.Geography;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Supplies;

/// <summary>
/// 应急物资 through the real host (Orleans grains, real InfluxDB): coordinators at once asking for the last pumps of a depot
/// never oversell — exactly enough succeed, the rest get 409 insufficient_stock with what is left — and the stock stays
/// consistent through delivery, cancel and return; the nearest depots with enough of an item; the incident's timeline.
/// </summary>
public sealed class SupplyConsoleTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
{
    private static readonly Poi Depot = Wire.Map.Pois.First(p => p.Kind == PoiKind.SupplyDepot);

    [Fact]
    public async Task Concurrent_orders_for_the_last_pumps_never_oversell_and_the_stock_stays_consistent()
    {
        await using var host = await AccountsFixture.StartAsync(influx);
        using var a = new Session(host);
        using var b = new Session(host);
        await a.SignInAsync("coord1", AccountsFixture.Password);
        await b.SignInAsync("coord2", AccountsFixture.Password);
        var (ta, tb) = (await a.CsrfAsync(), await b.CsrfAsync());

        using var opened = await Post(a, ta, "/api/v1/console/incidents", new { requestId = "flood-1", title = "城区内涝", level = 3, gridCode = Depot.GridCode });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        const string incident = "INC-flood-1";
        using (var count = await Post(a, ta, $"/api/v1/console/depots/{Depot.Id}/stock", new { requestId = "count-1", item = "pumps", change = "counted", quantity = 10 }))
            Assert.Equal(HttpStatusCode.OK, count.StatusCode);

        // twelve requests from two coordinators at once, three pumps each, ten on the shelf: three get them
        var answers = await Task.WhenAll(Enumerable.Range(1, 12).Select(n => Post(n % 2 == 0 ? a : b, n % 2 == 0 ? ta : tb,
            $"/api/v1/console/incidents/{incident}/supplies", new { requestId = $"pumps-{n}", depotId = Depot.Id, item = "pumps", quantity = 3 })));
        Assert.Equal(3, answers.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in answers.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("insufficient_stock", body.GetProperty("code").GetString());
            Assert.Equal("1", body.GetProperty("args").GetProperty("available").GetString());
            Assert.Equal($"{Depot.Name}的抽水泵可用仅 1，不足 3", body.GetProperty("error").GetString()); // in the page's language
        }
        var orders = new List<string>();
        foreach (var ok in answers.Where(r => r.StatusCode == HttpStatusCode.OK))
            orders.Add(JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("extra").GetProperty("orderId").GetString()!);
        Assert.Equal((10, 9, 1), await PumpsAsync(a));
        Assert.Equal(3, await StoredAsync(host, "supply_order_changed"));

        // delivered: off the shelf; cancelled: released; a return: back on the shelf
        Assert.Equal(HttpStatusCode.OK, (await Post(a, ta, $"/api/v1/console/supplies/{orders[0]}/state", new { requestId = "go-1", state = "en_route" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(a, ta, $"/api/v1/console/supplies/{orders[0]}/state", new { requestId = "done-1", state = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(b, tb, $"/api/v1/console/supplies/{orders[1]}/state", new { requestId = "cancel-2", state = "cancelled" })).StatusCode);
        Assert.Equal((7, 3, 4), await PumpsAsync(a));
        using (var skip = await Post(a, ta, $"/api/v1/console/supplies/{orders[2]}/state", new { requestId = "skip-3", state = "done" }))
            Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode); // ordered → done skips en_route
        Assert.Equal(HttpStatusCode.OK, (await Post(a, ta, $"/api/v1/console/depots/{Depot.Id}/stock",
            new { requestId = "return-1", item = "pumps", change = "returned", quantity = 2, orderId = orders[0] })).StatusCode);
        Assert.Equal((9, 3, 6), await PumpsAsync(a));
        using (var tooMany = await Post(a, ta, $"/api/v1/console/depots/{Depot.Id}/stock",
            new { requestId = "return-2", item = "pumps", change = "returned", quantity = 2, orderId = orders[0] }))
            Assert.Equal("too_many_returned", JsonDocument.Parse(await tooMany.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());

        // the nearest depots with enough: this one has 6 available
        var near = JsonDocument.Parse(await a.Http.GetStringAsync($"/api/v1/console/depots?incident={incident}&item=pumps&quantity=6")).RootElement;
        Assert.Equal(Depot.Id, near[0].GetProperty("id").GetString());
        Assert.Equal(6, near[0].GetProperty("available").GetInt32());
        var tooFew = JsonDocument.Parse(await a.Http.GetStringAsync($"/api/v1/console/depots?incident={incident}&item=pumps&quantity=7")).RootElement;
        Assert.Equal(0, tooFew.GetArrayLength());

        // the incident's timeline and supply orders, on the board
        var board = JsonDocument.Parse(await a.Http.GetStringAsync("/api/v1/console/board")).RootElement;
        var inc = board.GetProperty("incidents").EnumerateArray().Single(i => i.GetProperty("id").GetString() == incident);
        var kinds = inc.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(3, kinds.Count(k => k == "supply_ordered"));
        Assert.Equal(3, kinds.Count(k => k == "supply_order"));
        Assert.Equal(3, inc.GetProperty("supplies").GetArrayLength());

        // bad input: 422 naming the field
        using var bad = await Post(a, ta, $"/api/v1/console/incidents/{incident}/supplies", new { requestId = "bad-1", depotId = Depot.Id, item = "rockets", quantity = 1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("item", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        using var noIncident = await Post(a, ta, "/api/v1/console/incidents/INC-none/supplies", new { requestId = "bad-2", depotId = Depot.Id, item = "pumps", quantity = 1 });
        Assert.Equal(HttpStatusCode.NotFound, noIncident.StatusCode);
    }

    private static async Task<(int OnHand, int Reserved, int Available)> PumpsAsync(Session s)
    {
        var view = JsonDocument.Parse(await s.Http.GetStringAsync("/api/v1/console/supplies")).RootElement;
        var depot = view.GetProperty("depots").EnumerateArray().Single(d => d.GetProperty("id").GetString() == Depot.Id);
        var pumps = depot.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("item").GetString() == "pumps");
        var line = (pumps.GetProperty("onHand").GetInt32(), pumps.GetProperty("reserved").GetInt32(), pumps.GetProperty("available").GetInt32());
        Assert.True(line.Item1 >= 0 && line.Item2 >= 0 && line.Item3 >= 0, $"negative stock {line}");
        return line;
    }

    private async Task<long> StoredAsync(HostProcess host, string type)
    {
        var client = await influx.Server.CreateClientAsync("probe");
        long n = 0;
        await foreach (var row in client.QueryAsyncIn(host.DatabaseName, $"SELECT COUNT(id) FROM event WHERE \"type\" = '{type}'")) n = row.GetLong("count") ?? 0;
        return n;
    }

    private static Task<HttpResponseMessage> Post(Session s, string csrf, string path, object body)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        req.Headers.Add("X-CSRF-TOKEN", csrf);
        return s.Http.SendAsync(req);
    }
}
