using System.Globalization;
using System.Text.RegularExpressions;
using CommandCenter.Localization;
using Microsoft.Extensions.Localization;

namespace CommandCenter.Dispatch;

/// <summary>
/// The console API's error texts in the viewer's language (the request's UI culture): the UiText template
/// <c>Err_{code}</c> with the refusal's arguments put in — times (ISO instants) shown in the county's time zone.
/// The machine-readable <c>code</c> and <c>args</c> stay in the JSON answer; the console renders from them where it
/// can. A code without a template falls back to the grains' English message.
/// </summary>
public sealed partial class ConsoleText(IStringLocalizer<UiText> t, Time.CountyTime county, Geography.CountyMap map)
{
    public string Render(string code, IReadOnlyDictionary<string, string>? args, string fallback)
    {
        var template = t["Err_" + code];
        if (template.ResourceNotFound) return fallback;
        return Placeholder().Replace(template.Value, m =>
            args is not null && args.TryGetValue(m.Groups[1].Value, out var v) ? Value(m.Groups[1].Value, v) : "—");
    }

    /// <summary>A 422 naming the field, in the viewer's language.</summary>
    public IResult Invalid(string field, string code, string fallback, int? max = null)
    {
        var args = new Dictionary<string, string> { ["field"] = field };
        if (max is { } m) args["max"] = m.ToString(CultureInfo.InvariantCulture);
        return Results.Json(new { status = "invalid", code, field, error = Render(code, args, fallback), args }, statusCode: 422);
    }

    private string Value(string name, string value) => name switch
    {
        "at" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) =>
            county.Format(at),
        "from" or "to" or "state" => State(value),
        "legal" => string.Join("、", value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(State)),
        "department" when t["Dept_" + value] is { ResourceNotFound: false } d => d.Value,
        "item" when t["Supply_" + value] is { ResourceNotFound: false } item => item.Value,
        "depot" when map.Pois.FirstOrDefault(p => p.Id == value) is { } depot => depot.Name,
        _ => value,
    };

    /// <summary>An order or case state in words (their wire names do not overlap).</summary>
    private string State(string wire) =>
        t["Os_" + wire] is { ResourceNotFound: false } os ? os.Value : t["Cs_" + wire] is { ResourceNotFound: false } cs ? cs.Value : wire;

    [GeneratedRegex(@"\{([a-z]+)\}")]
    private static partial Regex Placeholder();
}
