using CommandCenter.Localization;
using CommandCenter.Wall.Basemap;

namespace CommandCenter.Wall;

public static class WallServices
{
    public static void AddWall(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<WallOptions>(builder.Configuration.GetSection("Wall"));
        builder.Services.AddSingleton<KioskAccess>();
        builder.Services.AddSingleton<WallState>();
        builder.Services.AddSingleton<BasemapSource>();
        builder.Services.AddSingleton<WallBroadcaster>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WallBroadcaster>());
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 64 * 1024)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never);
    }

    /// <summary>
    /// The wall and the data it reads need the kiosk token (or its cookie); so does /_blazor, the circuit of the pages' map
    /// component (a click there reads the live state). /wall?token=… sets the cookie and
    /// redirects to the clean address, so the token does not stay in the address bar.
    /// </summary>
    public static IApplicationBuilder UseKioskGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        var gated = path.StartsWithSegments("/wall") || path.StartsWithSegments("/hubs/live") ||
                    path.StartsWithSegments("/api/v1/geo") || path.StartsWithSegments("/api/v1/trends") || path.StartsWithSegments("/api/v1/sensors") ||
                    path.StartsWithSegments(BasemapEndpoints.Prefix) ||
                    path.StartsWithSegments("/replay") || path.StartsWithSegments("/api/v1/replay") || path.StartsWithSegments("/_blazor");
        if (!gated) { await next(); return; }
        var kiosk = http.RequestServices.GetRequiredService<KioskAccess>();
        // the kiosk token, or anyone signed in (console, replay and audit users see the same map data)
        if (!kiosk.Admit(http) && http.User.Identity?.IsAuthenticated != true)
        {
            http.Response.StatusCode = 401;
            if (path.StartsWithSegments("/wall") || path.StartsWithSegments("/replay"))
            {
                var text = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<UiText>>();
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync($"<!DOCTYPE html><html><head><link rel=\"stylesheet\" href=\"/css/refused.css\" /></head><body class=\"refused\"><h1>401</h1><p>{System.Net.WebUtility.HtmlEncode(text["KioskRefused"])}</p></body></html>");
            }
            return;
        }
        if ((path.StartsWithSegments("/wall") || path.StartsWithSegments("/replay")) && http.Request.Query.ContainsKey("token"))
        {
            var rest = string.Join('&', http.Request.Query.Where(q => q.Key != "token").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value!)}"));
            http.Response.Redirect(path + (rest.Length > 0 ? "?" + rest : ""));
            return;
        }
        await next();
    });

    public static void MapWall(this WebApplication app)
    {
        // an optional locally served basemap: a folder of XYZ tiles ({z}/{x}/{y}.png), for networks with no internet
        var tiles = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WallOptions>>().Value.LocalTileFolder;
        if (tiles.Length > 0 && Directory.Exists(tiles))
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetFullPath(tiles)), RequestPath = "/tiles" });
        // the vector basemap: opened (and on a demo county's first start, generated) now, not on the first screen's request
        app.Services.GetRequiredService<BasemapSource>();
        app.MapBasemap();
        app.MapHub<LiveHub>("/hubs/live");
        app.MapTrends();
        app.MapSensorReadings();
    }
}
