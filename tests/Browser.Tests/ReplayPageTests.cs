using System.Net;
using System.Text.Json.Nodes;
using CommandCenter.TestSupport;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>A leader replays an incident on /replay: pick it, see it on the map, play at 600×, read the report.</summary>
[Collection("wall")]
public sealed class ReplayPageTests(WallFixture f)
{
    [Fact]
    public async Task Picking_an_incident_shows_it_on_the_map_playing_at_600x_clears_it_and_the_report_has_its_response_times()
    {
        await using var host = new HostProcess(f.Influx.Url, "replay_page", WallFixture.HostSettings);
        await host.StartAsync();
        var alarm = Wire.Id("incident");
        const int gridIndex = 777;
        var grid = Wire.Map.Grids[gridIndex];
        var street = Wire.Map.StreetOf(grid.Code);
        var t0 = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.OK, (await host.PostEventsAsync([Wire.CheckIn(gridIndex, "w-replay"), Wire.Raise(gridIndex, alarm, 1) with { OccurredAt = t0.AddSeconds(-60) }])).Response.StatusCode);
        await Task.Delay(1500);
        await host.PostEventsAsync([Wire.Ack(alarm, "值班员-回放") with { OccurredAt = t0.AddSeconds(-30) }]);
        await Task.Delay(1500);
        await host.PostEventsAsync([new() { Id = Wire.Id(), Type = Events.EventType.AlarmCleared, OccurredAt = DateTimeOffset.UtcNow, AlarmId = alarm }]);

        var page = await f.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await page.GotoAsync($"{host.BaseUrl}/replay?token={WallFixture.Token}");
        await page.WaitForFunctionAsync("() => window.__replay && window.__replay.state.status === 'ready'", null, new() { Timeout = 30_000 });

        // the incident list offers the level-I alarm; picking it replays its range, cursor at the alarm
        var option = page.Locator("#incident option", new() { HasText = grid.Name });
        await option.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 10_000 });
        await page.SelectOptionAsync("#incident", await option.GetAttributeAsync("value"));
        await page.WaitForFunctionAsync($"() => window.__replay.state.status === 'ready' && window.__replay.state.follow && window.__wall === undefined && window.__replay.map.gridStates.get('{grid.Code}')?.level === 3",
            null, new() { Timeout = 30_000 });
        Assert.True(await page.Locator("#follow").IsCheckedAsync());
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("replay-incident.png") });

        // play at 600×: the cursor runs to the end of the range and the alarm is cleared there
        await page.SelectOptionAsync("#speed", "600");
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => !window.__replay.state.playing && window.__replay.state.cursor >= window.__replay.state.to", null, new() { Timeout = 60_000 });
        await page.WaitForFunctionAsync($"() => window.__replay.map.gridStates.get('{grid.Code}')?.level === 0", null, new() { Timeout = 10_000 });
        Assert.True(await page.EvaluateAsync<int>("() => window.__replay.state.frames") > 3);

        // the report: one alarm in the street, acknowledged after 30 s
        var row = page.Locator("#report tbody tr", new() { HasText = street.Name });
        await row.First.WaitForAsync(new() { Timeout = 10_000 });
        var cells = await row.First.Locator("td").AllInnerTextsAsync();
        Assert.Equal("1", cells[1]);
        Assert.Equal("30", cells[2]);
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("replay-after-play.png") });

        var href = await page.GetAttributeAsync("#exports a[data-kind='alarms']", "href");
        var csv = await host.Http.GetStringAsync(href!.TrimStart('/'));
        Assert.Contains($"{alarm},{grid.Code},{street.Code},1,smoke,", csv);
        Assert.Contains($",{HostProcess.Source}/值班员-回放,30,", csv); // an outside actor is recorded as reported by its source
        await page.CloseAsync();
    }

    [Fact]
    public async Task Next_event_clicked_twice_shows_two_different_events()
    {
        await using var host = new HostProcess(f.Influx.Url, "replay_step", WallFixture.HostSettings);
        await host.StartAsync();
        var t0 = DateTimeOffset.UtcNow;
        foreach (var i in Enumerable.Range(0, 3))
        {
            await host.PostEventsAsync([Wire.Raise(800 + i, Wire.Id("step"), 3)]);
            await Task.Delay(30);
        }
        var page = await f.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await page.GotoAsync($"{host.BaseUrl}/replay?token={WallFixture.Token}&from={Uri.EscapeDataString(t0.AddSeconds(-5).ToString("O"))}");
        await page.WaitForFunctionAsync("() => window.__replay && window.__replay.state.status === 'ready'", null, new() { Timeout = 30_000 });

        var seen = new List<(string Seq, string Current)>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var before = await page.EvaluateAsync<string?>("() => window.__replay.state.stepped?.seq ?? null");
            await page.ClickAsync("#next");
            await page.WaitForFunctionAsync("b => { const s = window.__replay.state; return s.stepped && s.stepped.seq !== b && !s.busy && document.querySelector('#events li.current'); }",
                before, new() { Timeout = 10_000 });
            await page.WaitForTimeoutAsync(300); // the event list follows the cursor
            seen.Add((await page.EvaluateAsync<string>("() => window.__replay.state.stepped.seq"),
                await page.EvaluateAsync<string>("() => document.querySelector('#events li.current').textContent")));
        }
        Assert.NotEqual(seen[0].Seq, seen[1].Seq);
        Assert.NotEqual(seen[0].Current, seen[1].Current);
        await page.CloseAsync();
    }
}
