using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CommandCenter.Wall;

/// <summary>
/// The wall's read-only kiosk access: the token from config, presented once as ?token=… (then kept in an
/// HttpOnly cookie) or as the cookie itself. No login prompt on the big screen; without it, refused.
/// </summary>
public sealed class KioskAccess(IOptions<WallOptions> options)
{
    public const string Cookie = "cc_kiosk";

    public bool IsValid(string? token)
    {
        var expected = options.Value.KioskToken;
        if (string.IsNullOrEmpty(expected) || string.IsNullOrEmpty(token)) return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    public bool IsAllowed(HttpContext http) =>
        IsValid(http.Request.Cookies[Cookie]) || IsValid(http.Request.Query["token"]);

    /// <summary>Remembers a valid ?token= in the cookie; true when the request may see the wall.</summary>
    public bool Admit(HttpContext http)
    {
        if (IsValid(http.Request.Query["token"]))
        {
            http.Response.Cookies.Append(Cookie, http.Request.Query["token"]!, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, MaxAge = TimeSpan.FromDays(365),
            });
            return true;
        }
        return IsValid(http.Request.Cookies[Cookie]);
    }
}
