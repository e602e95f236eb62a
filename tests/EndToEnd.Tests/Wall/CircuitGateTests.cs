using System.Net;

namespace CommandCenter.EndToEnd.Tests.Wall;

/// <summary>
/// The CountyMap component's circuit (/_blazor) is gated by the kiosk token exactly as the wall's hub (/hubs/live): no
/// token or cookie and nobody signed in, refused; and Blazor's script is served by the host as the tests run it (the build
/// output, Production).
/// </summary>
public sealed class CircuitGateTests(SharedHost shared) : IClassFixture<SharedHost>
{
    [Theory]
    [InlineData("/_blazor/negotiate?negotiateVersion=1")]
    [InlineData("/hubs/live/negotiate?negotiateVersion=1")]
    public async Task Without_the_kiosk_token_the_circuit_is_refused_as_the_hub_is(string negotiate)
    {
        using var stranger = new HttpClient { BaseAddress = new Uri(shared.Host.BaseUrl) };
        using var refused = await stranger.PostAsync(negotiate, null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, negotiate);
        wrong.Headers.Add("Cookie", "cc_kiosk=not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.SendAsync(wrong)).StatusCode);

        // the host's own client carries the kiosk cookie (HostProcess): admitted
        using var admitted = await shared.Host.Http.PostAsync(negotiate.TrimStart('/'), null);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Contains("connectionToken", await admitted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Blazor_s_script_and_the_component_s_module_are_served()
    {
        using var stranger = new HttpClient { BaseAddress = new Uri(shared.Host.BaseUrl) };
        using var script = await stranger.GetAsync("/_framework/blazor.web.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 50_000);
        using var module = await stranger.GetAsync("/Maps/CountyMap.razor.js");
        Assert.Equal(HttpStatusCode.OK, module.StatusCode);
        Assert.Contains("createMap", await module.Content.ReadAsStringAsync());
    }
}
