using CommandCenter.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace CommandCenter.Audit;

/// <summary>GET /api/v1/audit: one page of the trail (filters and paging as on the audit page); refusals recorded.</summary>
public static class AuditEndpoints
{
    public static void AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusalRecorder>();
    }

    public static void MapAudit(this WebApplication app)
    {
        // the body stays the array of entries it always was; the paging is in headers
        app.MapGet("/api/v1/audit", async (HttpContext http, string? user, string? action, string? outcome, string? from, string? to, string? page, string? pageSize,
            string? limit, AuditLog audit, Time.CountyTime zone, CancellationToken ct) =>
        {
            var (q, errors) = AuditQuery.Parse(zone, user, action, outcome, from, to, page, pageSize, limit);
            if (errors.Count > 0) return Results.ValidationProblem(errors, title: "bad audit query");
            var result = await audit.QueryAsync(q, ct);
            http.Response.Headers["X-Total-Count"] = result.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers["X-Page"] = result.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers["X-Page-Size"] = result.Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Ok(result.Entries);
        }).RequireAuthorization(Roles.CanReview);
    }
}
