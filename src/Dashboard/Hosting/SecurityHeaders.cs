using CommandCenter.Wall;
using Microsoft.Extensions.Options;

namespace CommandCenter.Hosting;

/// <summary>
/// The second wall behind "data is text, never markup": a Content-Security-Policy on every response that
/// runs only the product's own scripts (no inline script, no eval, no other origin), plus nosniff and a
/// strict referrer policy. See docs/decisions.md "Content-Security-Policy".
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy; a configured remote basemap (Wall:TileUrl) is the only other origin, for its tiles.</summary>
    public static string Policy(string? tileUrl)
    {
        var tiles = TileOrigin(tileUrl);
        var extra = tiles is null ? "" : " " + tiles;
        return "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self'; " +
               $"img-src 'self' data: blob:{extra}; connect-src 'self'{extra}; font-src 'self'; " +
               "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var policy = Policy(app.ApplicationServices.GetRequiredService<IOptions<WallOptions>>().Value.TileUrl);
        return app.Use((http, next) =>
        {
            var h = http.Response.Headers;
            h.ContentSecurityPolicy = policy;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "same-origin";
            return next();
        });
    }

    /// <summary>
    /// "https://t{0-7}.tianditu.gov.cn/…" → "https://*.tianditu.gov.cn"; a relative or same-host URL needs nothing.
    /// </summary>
    internal static string? TileOrigin(string? tileUrl)
    {
        if (string.IsNullOrWhiteSpace(tileUrl) || !tileUrl.Contains("://", StringComparison.Ordinal)) return null;
        var scheme = tileUrl[..tileUrl.IndexOf("://", StringComparison.Ordinal)];
        var rest = tileUrl[(scheme.Length + 3)..];
        var host = rest.Split('/', 2)[0];
        if (host.Contains('{'))
        {
            var dot = host.IndexOf('.', host.LastIndexOf('}'));
            host = dot < 0 ? host : "*" + host[dot..];
        }
        if (scheme is not ("http" or "https") || host.Length == 0 || host.IndexOfAny([' ', ';', ',', '\'', '{', '}']) >= 0) return null;
        return $"{scheme}://{host}";
    }
}
