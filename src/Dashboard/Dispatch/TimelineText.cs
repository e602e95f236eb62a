using System.Globalization;
using System.Text.RegularExpressions;
using CommandCenter.Command;
using CommandCenter.Events;
using CommandCenter.Localization;
using Microsoft.Extensions.Localization;

namespace CommandCenter.Dispatch;

/// <summary>
/// An incident timeline fact as a sentence in a language: the UiText template <c>Tl_{kind}</c> with the fact's values
/// put in — levels as I–IV, states, unit kinds and departments in words, units, people and areas by name
/// (<c>names</c>: an id → its name, or null to show the id). The console does the same in board.js from the same
/// templates; replay's CSV and report use this one.
/// </summary>
public sealed partial class TimelineText(IStringLocalizer<UiText> t)
{
    public string Render(TimelineEntry fact, CultureInfo culture, Func<string, string?> names)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var template = Text("Tl_" + fact.Kind, fact.Kind);
            var line = Placeholder().Replace(template, m => Value(fact, m.Groups[1].Value, names));
            if (fact.Kind == TimelineKinds.Closed && !string.IsNullOrEmpty(fact.Text))
                line += Text("Tl_summary", "：{text}").Replace("{text}", fact.Text);
            return line;
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    private string Value(TimelineEntry f, string name, Func<string, string?> names) => name switch
    {
        "level" => Severity.Roman(int.Parse(f.To ?? "4", CultureInfo.InvariantCulture)),
        "from" or "to" when f.Kind == TimelineKinds.Level => Severity.Roman(int.Parse((name == "from" ? f.From : f.To) ?? "4", CultureInfo.InvariantCulture)),
        "from" or "to" => State(f.Kind, name == "from" ? f.From : f.To),
        "text" => f.Text ?? "",
        "subject" => f.Subject is null ? "" : names(f.Subject) ?? f.Subject,
        "unit" => f.Unit is null ? "" : names(f.Unit) ?? f.Unit,
        "unitKind" => Text("Unit_" + f.UnitKind, f.UnitKind ?? ""),
        "item" => f.Item is null ? "" : Text("Supply_" + f.Item, f.Item),
        "quantity" => f.Quantity is { } q ? q.ToString(CultureInfo.InvariantCulture) + (f.Item is null ? "" : Text("SupplyUnit_" + f.Item, "")) : "",
        "place" => f.Place is null ? "" : names(f.Place) ?? f.Place,
        "items" when f.Kind == TimelineKinds.Scope => string.Join("、", (f.Items ?? []).Select(s => names(s) ?? s)),
        "items" => string.Join("、", (f.Items ?? []).Select(d => Text("Dept_" + d, d))),
        "choice" => f.To is OpenOrderChoice.Cancel or OpenOrderChoice.Keep
            ? Text("Tl_closed_" + f.To, "").Replace("{count}", (f.Items?.Count ?? 0).ToString(CultureInfo.InvariantCulture)) : "",
        _ => "",
    };

    /// <summary>A state in words: an order's, a case's, a report-in's; "—" for none.</summary>
    private string State(string kind, string? wire) => wire is null ? "—" : kind switch
    {
        TimelineKinds.Order or TimelineKinds.Dispatched => Text("Os_" + wire, wire),
        TimelineKinds.CaseChanged => Text("Cs_" + wire, wire),
        TimelineKinds.ReportIn => Text("Ri_" + wire, wire),
        TimelineKinds.SupplyOrdered or TimelineKinds.SupplyOrder => Text("Ss_" + wire, wire),
        TimelineKinds.PlanStep => Text("Ps_" + wire, wire),
        _ => wire,
    };

    private string Text(string key, string fallback) => t[key] is { ResourceNotFound: false } s ? s.Value : fallback;

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
