using System.Collections;
using System.Reflection;
using CommandCenter.Ingest;
using Microsoft.AspNetCore.Mvc;

namespace CommandCenter.Hosting;

/// <summary>
/// One endpoint filter for the console and admin APIs: every text value a request brings (route values, query
/// strings, body fields, list items) within its <see cref="FieldLimits"/> and well-formed, every number finite
/// (lon within ±180, lat within ±90), every field the body's type declares non-nullable present. Otherwise
/// 400 ProblemDetails naming the field (<c>error</c> and <c>field</c> too, as the pages read them), before the
/// handler runs — so a handler never meets null where it expects text, and no 1 MB note reaches the grains.
/// </summary>
public static class RequestChecks
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var parameters = context.MethodInfo.GetParameters();
        return async invocation =>
        {
            for (var i = 0; i < parameters.Length && i < invocation.Arguments.Count; i++)
                if (Check(parameters[i].Name ?? $"#{i}", parameters[i].ParameterType, invocation.Arguments[i]) is { } problem)
                    return Refuse(problem.Field, problem.Message);
            return await next(invocation);
        };
    }

    /// <summary>The first problem with one value (a parameter or a body), or null.</summary>
    public static (string Field, string Message)? Check(string name, Type type, object? value)
    {
        switch (value)
        {
            case null: return null; // absent optional values; required body fields are checked on their owner
            case string s: return FieldLimits.Check(name, s) is { } m ? (name, m) : null;
            case double d: return Coordinate(name, d);
            case float f: return Coordinate(name, f);
            case IEnumerable<string> list:
                return FieldLimits.Check(name, list as IReadOnlyList<string> ?? list.ToList()) is { } lm ? (name, lm) : null;
            case IEnumerable items when value.GetType().IsArray && IsRequestType(value.GetType().GetElementType()!):
            {
                var n = 0;
                foreach (var item in items)
                {
                    if (item is null) return ($"{name}[{n}]", $"{name}[{n}] is null");
                    if (Check($"{name}[{n}]", item.GetType(), item) is { } p) return p;
                    if (++n > FieldLimits.ListItems) return (name, $"{name} holds more than {FieldLimits.ListItems} items");
                }
                return null;
            }
        }
        if (!IsRequestType(value.GetType())) return null;
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            var field = Camel(property.Name);
            var label = name.StartsWith('#') || IsBodyName(name) ? field : $"{name}.{field}";
            var v = property.GetValue(value);
            if (v is null && !property.PropertyType.IsValueType && Nullability.Create(property).ReadState == NullabilityState.NotNull)
                return (label, $"{label} is required");
            if (Check(label, property.PropertyType, v) is { } p) return p;
        }
        return null;
    }

    private static (string, string)? Coordinate(string name, double d)
    {
        var limit = name.EndsWith("lon", StringComparison.OrdinalIgnoreCase) ? 180 : name.EndsWith("lat", StringComparison.OrdinalIgnoreCase) ? 90 : double.MaxValue;
        return !double.IsFinite(d) || Math.Abs(d) > limit
            ? (name, limit == double.MaxValue ? $"{name} must be a finite number" : $"{name} must be a finite number within -{limit}..{limit}") : null;
    }

    /// <summary>The project's own request records (bodies), not framework types such as HttpContext or services.</summary>
    private static bool IsRequestType(Type t) => t.Namespace?.StartsWith("CommandCenter", StringComparison.Ordinal) == true
        && t.GetMethod("<Clone>$") is not null; // records only: services are classes, never records

    private static bool IsBodyName(string name) => name is "body" or "request" or "r";

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    public static IResult Refuse(string field, string message) => TypedResults.Problem(new ProblemDetails
    {
        Status = 400, Title = "invalid request", Detail = message,
        Extensions = { ["error"] = message, ["field"] = field },
    });
}
