using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace CommandCenter.Hosting;

/// <summary>
/// Masks the value of any query-style parameter whose name ends in token, key or password (<c>?token=…</c>, <c>api_key=…</c>)
/// in a log event's text properties, e.g. ASP.NET Core's "Request starting …{QueryString}" when someone lowers
/// Microsoft.AspNetCore to Information. Request logging itself never includes the query.
/// </summary>
public sealed partial class SecretRedaction : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? masked = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string s } && s.Contains('=') && Secret().IsMatch(s))
                (masked ??= []).Add(new LogEventProperty(name, new ScalarValue(Mask(s))));
        }
        if (masked is null) return;
        foreach (var p in masked) logEvent.AddOrUpdateProperty(p);
    }

    public static string Mask(string text) => Secret().Replace(text, "$1***");

    [GeneratedRegex(@"((?:^|[?&;\s])[\w.\-]*(?:token|key|password)=)[^&\s""]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Secret();
}
