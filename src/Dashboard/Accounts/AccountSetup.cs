using System.Security.Claims;
using CommandCenter.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CommandCenter.Accounts;

/// <summary>Cookie sign-in with roles, policies, the sign-in/out endpoints and the one-time create-admin command.</summary>
public static class AccountSetup
{
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton<SignInService>();
        builder.Services.AddAudit();
        builder.Services.AddSingleton<Dispatch.ConsoleAction>();
        builder.Services.AddSingleton<Dispatch.RequestOwners>();
        builder.Services.AddSingleton<Dispatch.ConsoleText>();
        builder.Services.AddSingleton<Dispatch.TimelineText>();
        builder.Services.AddSingleton<Dispatch.UnitCatalogue>();
        builder.Services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/signin";
            o.AccessDeniedPath = "/denied"; // signed in without the role: a page that says so, never the sign-in form again (a loop)
            o.Cookie.Name = "cc_auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // APIs answer 401/403; pages redirect to the sign-in page (not signed in) or the no-access page (signed in, wrong role)
            o.Events.OnRedirectToLogin = c => Answer(c, 401);
            o.Events.OnRedirectToAccessDenied = c => Answer(c, 403);
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.CanAcknowledge, p => p.RequireRole(Roles.AcknowledgeRoles))
            .AddPolicy(Roles.CanDispatch, p => p.RequireRole(Roles.DispatchRoles))
            .AddPolicy(Roles.CanViewConsole, p => p.RequireRole(Roles.ConsoleRoles))
            .AddPolicy(Roles.CanReview, p => p.RequireRole(Roles.ReviewRoles))
            .AddPolicy(Roles.CanAdminister, p => p.RequireRole(Roles.Admin));
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> c, int status)
    {
        if (c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments("/hubs")) c.Response.StatusCode = status;
        else c.Response.Redirect(c.RedirectUri);
        return Task.CompletedTask;
    }

    public static void MapAccounts(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<UserStore>(); // read (and its file made owner-only) at start, not at the first sign-in
        // an IFormCollection parameter makes the antiforgery middleware validate the form's token
        app.MapPost("/account/signin", async (HttpContext http, IFormCollection form, SignInService signIn, AuditLog audit) =>
        {
            var userName = form["userName"].ToString().Trim();
            var returnUrl = form["returnUrl"].ToString();
            var (result, user) = signIn.Check(userName, form["password"].ToString());
            // wrong and locked: the password was checked; lockedout: refused unchecked
            await audit.RecordAsync(http, "sign_in", result.ToString().ToLowerInvariant(), user: userName.Length == 0 ? "(empty)" : userName, role: user?.Role);
            if (result != SignInService.Result.Ok)
                return Results.Redirect($"/signin?error={(result is SignInService.Result.LockedOut or SignInService.Result.Locked ? "locked" : "wrong")}&returnUrl={Uri.EscapeDataString(returnUrl)}");
            var identity = new ClaimsIdentity([new(ClaimTypes.Name, user!.UserName), new("display", user.DisplayName), new(ClaimTypes.Role, user.Role)],
                CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(new ClaimsPrincipal(identity));
            return Results.LocalRedirect(Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") ? returnUrl : Home(user.Role));
        });
        app.MapPost("/account/signout", async (HttpContext http, IFormCollection form, AuditLog audit) =>
        {
            await audit.RecordAsync(http, "sign_out", "ok");
            await http.SignOutAsync();
            return Results.Redirect("/signin");
        });
    }

    public static string Home(string role) => role switch
    {
        Roles.Leader => "/replay",
        Roles.Admin => "/admin",
        _ => "/dispatch",
    };

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirst("display")?.Value ?? user.Identity?.Name ?? "anonymous";

    /// <summary>`create-admin USER "DISPLAY NAME"` with the password from CC_ADMIN_PASSWORD or standard input.</summary>
    public static int CreateAdmin(string[] args, IConfiguration config)
    {
        if (args.Length < 2) { Console.Error.WriteLine("usage: create-admin USER [\"DISPLAY NAME\"]  (password from CC_ADMIN_PASSWORD or stdin)"); return 2; }
        var password = Environment.GetEnvironmentVariable("CC_ADMIN_PASSWORD") ?? Console.ReadLine() ?? "";
        try
        {
            var store = new UserStore(config);
            store.Save(args[1], args.Length > 2 ? args[2] : args[1], Roles.Admin, password.Trim());
            Console.WriteLine($"admin '{args[1]}' saved ({store.Count} accounts)");
            return 0;
        }
        catch (ArgumentException ex) { Console.Error.WriteLine(ex.Message); return 2; }
    }
}
