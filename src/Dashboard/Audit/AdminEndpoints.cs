using CommandCenter.Accounts;

namespace CommandCenter.Audit;

/// <summary>Admin work (accounts) and the audit trail view for admins and leaders.</summary>
public static class AdminEndpoints
{
    public sealed record SaveUser(string UserName, string DisplayName, string Role, string Password);

    public static void MapAdmin(this WebApplication app)
    {
        app.MapGet("/api/v1/audit", async (int? limit, AuditLog audit, CancellationToken ct) => Results.Ok(await audit.LatestAsync(limit ?? 200, ct)))
            .RequireAuthorization(Roles.CanReview);
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
    }
}
