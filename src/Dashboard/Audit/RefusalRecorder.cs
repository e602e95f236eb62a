using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace CommandCenter.Audit;

/// <summary>
/// Records in the audit trail, as outcome <c>forbidden</c>, every console or admin API call a signed-in user's role
/// does not allow (a leader acknowledging an alarm), then answers exactly as the default handler would.
/// </summary>
public sealed class RefusalRecorder(AuditLog audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && http.User.Identity?.IsAuthenticated == true
            && (http.Request.Path.StartsWithSegments("/api/v1/console") || http.Request.Path.StartsWithSegments("/api/v1/admin")))
        {
            var (action, target) = RefusedAction.Of(http);
            await audit.RecordAsync(http, action, "forbidden", target, $"{http.Request.Method} {http.Request.Path}");
        }
        await _default.HandleAsync(next, http, policy, result);
    }
}
