using CommandCenter.Accounts;
using CommandCenter.Audit;
using CommandCenter.Hosting;
using CommandCenter.Ingest.Api;

namespace CommandCenter.Admin;

/// <summary>Admin work: accounts and ingest API keys (the audit trail's endpoint is in Audit/AuditEndpoints).</summary>
public static class AdminEndpoints
{
    public sealed record SaveUser(string UserName, string DisplayName, string Role, string Password);
    public sealed record IssueKey(string Source);

    public static void MapAdmin(this WebApplication web)
    {
        var app = web.MapGroup("").AddEndpointFilterFactory(RequestChecks.Factory); // limits and required fields: 400 naming the field
        app.MapGet("/api/v1/admin/cluster", async (IServiceProvider services) => Results.Ok(await ClusterView.ReadAsync(services)))
            .RequireAuthorization(Roles.CanAdminister);
        app.MapGet("/api/v1/admin/users", (UserStore users) =>
            users.All().Select(u => new { u.UserName, u.DisplayName, u.Role, locked = u.LockedUntil > DateTimeOffset.UtcNow }))
            .RequireAuthorization(Roles.CanAdminister);
        app.MapPost("/api/v1/admin/users", async (SaveUser body, HttpContext http, UserStore users, AuditLog audit) =>
        {
            try { users.Save(body.UserName.Trim(), body.DisplayName.Trim(), body.Role, body.Password); }
            catch (ArgumentException ex)
            {
                await audit.RecordAsync(http, "save_user", "refused", body.UserName, ex.Message);
                return Results.Json(new { error = ex.Message }, statusCode: 422);
            }
            await audit.RecordAsync(http, "save_user", "ok", body.UserName, body.Role);
            return Results.Ok(new { body.UserName, body.Role });
        }).RequireAuthorization(Roles.CanAdminister).AddEndpointFilter<CsrfFilter>();

        app.MapPost("/api/v1/admin/users/{userName}/unlock", async (string userName, HttpContext http, UserStore users, AuditLog audit) =>
        {
            if (users.Find(userName) is not { } user) return Results.Json(new { error = $"no account {userName}" }, statusCode: 404);
            users.Update(user with { FailedAttempts = 0, LockedUntil = null });
            await audit.RecordAsync(http, "unlock_user", "ok", userName);
            return Results.Ok(new { userName });
        }).RequireAuthorization(Roles.CanAdminister).AddEndpointFilter<CsrfFilter>();
        app.MapDelete("/api/v1/admin/users/{userName}", async (string userName, HttpContext http, UserStore users, AuditLog audit) =>
        {
            if (users.Find(userName) is null) return Results.Json(new { error = $"no account {userName}" }, statusCode: 404);
            var refusal = users.Delete(userName, http.User.Identity?.Name ?? "");
            await audit.RecordAsync(http, "delete_user", refusal is null ? "ok" : "refused", userName, refusal);
            return refusal is null ? Results.Ok(new { userName }) : Results.Json(new { error = refusal }, statusCode: 409);
        }).RequireAuthorization(Roles.CanAdminister).AddEndpointFilter<CsrfFilter>();

        // ingest API keys: an admin issues a key for an outside system (shown once) or revokes a source's keys
        app.MapGet("/api/v1/admin/api-keys", (ApiKeyRegistry keys) => keys.Sources().Select(s => new { source = s.Source, keys = s.Keys, fromConfig = s.FromConfig }))
            .RequireAuthorization(Roles.CanAdminister);
        app.MapPost("/api/v1/admin/api-keys", async (IssueKey body, HttpContext http, ApiKeyRegistry keys, AuditLog audit) =>
        {
            var source = body.Source?.Trim() ?? "";
            if (source.Length is 0 or > 64 || source.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                return Results.Json(new { error = "a source name of 1–64 characters without spaces is required" }, statusCode: 422);
            var key = keys.Issue(source);
            await audit.RecordAsync(http, "issue_api_key", "ok", source);
            return Results.Ok(new { source, key, note = "shown once: store it in the outside system's configuration" });
        }).RequireAuthorization(Roles.CanAdminister).AddEndpointFilter<CsrfFilter>();
        app.MapDelete("/api/v1/admin/api-keys/{source}", async (string source, HttpContext http, ApiKeyRegistry keys, AuditLog audit) =>
        {
            var n = keys.Revoke(source);
            await audit.RecordAsync(http, "revoke_api_keys", n > 0 ? "ok" : "none", source, $"{n} keys");
            return Results.Ok(new { source, revoked = n });
        }).RequireAuthorization(Roles.CanAdminister).AddEndpointFilter<CsrfFilter>();
    }
}
