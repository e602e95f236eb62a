using Microsoft.AspNetCore.Antiforgery;

namespace CommandCenter.Accounts;

/// <summary>State-changing JSON calls from the pages carry the antiforgery token in the X-CSRF-TOKEN header.</summary>
public sealed class CsrfFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try { await antiforgery.ValidateRequestAsync(context.HttpContext); }
        catch (AntiforgeryValidationException)
        {
            return Results.Json(new { error = "missing or invalid antiforgery token: reload the page" }, statusCode: 400);
        }
        return await next(context);
    }
}
