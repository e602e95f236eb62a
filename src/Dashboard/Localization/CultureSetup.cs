using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CommandCenter.Localization;

/// <summary>zh-CN first, English available: ?lang=en (remembered in a cookie) switches.</summary>
public static class CultureSetup
{
    public static readonly CultureInfo[] Supported = [new("zh-CN"), new("en")];

    public static IApplicationBuilder UseUiCultures(this IApplicationBuilder app) => app.UseRequestLocalization(o =>
    {
        o.DefaultRequestCulture = new RequestCulture("zh-CN");
        o.SupportedCultures = Supported;
        o.SupportedUICultures = Supported;
        o.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
            new CookieRequestCultureProvider(),
        ];
    });

    /// <summary>Keeps an explicit ?lang= choice for later visits.</summary>
    public static IApplicationBuilder UseCultureCookie(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Query.TryGetValue("lang", out var lang) && Supported.Any(c => c.Name == lang))
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(lang!)), new CookieOptions { IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
        await next();
    });
}
