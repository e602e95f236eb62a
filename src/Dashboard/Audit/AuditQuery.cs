using System.Globalization;
using System.Text.RegularExpressions;
using CommandCenter.Time;

namespace CommandCenter.Audit;

/// <summary>
/// One page of the audit trail, filtered by who, action, outcome and a time range, as GET /api/v1/audit and the
/// audit page ask for it. Parsed from query-string values; every bad value is named (the answer is a 400).
/// Times without an offset are the county's local time (what a datetime-local field sends).
/// </summary>
public sealed partial record AuditQuery(string? User, string? Action, string? Outcome, DateTimeOffset? From, DateTimeOffset? To, int Page, int PageSize)
{
    public const int DefaultPageSize = 100, MaxPageSize = 500;

    public static (AuditQuery Query, Dictionary<string, string[]> Errors) Parse(CountyTime zone, string? user, string? action, string? outcome, string? from, string? to,
        string? page, string? pageSize, string? limit = null)
    {
        var errors = new Dictionary<string, string[]>();
        user = Blank(user);
        if (user is { Length: > 64 } || user?.Any(char.IsControl) == true) errors["user"] = ["a user name of at most 64 characters"];
        action = Blank(action);
        if (action is not null && !Code().IsMatch(action)) errors["action"] = ["an action code such as acknowledge_alarm"];
        outcome = Blank(outcome);
        if (outcome is not null && !Code().IsMatch(outcome)) errors["outcome"] = ["an outcome code such as ok, refused, conflict or forbidden"];
        var f = Time(zone, from, "from", errors);
        var t = Time(zone, to, "to", errors);
        if (f is not null && t is not null && f > t) errors["to"] = ["must not be before from"];
        var p = Number(page, "page", 1, 1_000_000, 1, errors);
        // `limit` is the older name of pageSize (kept for scripts that used it)
        var size = Number(Blank(pageSize) ?? limit, Blank(pageSize) is null && limit is not null ? "limit" : "pageSize", 1, MaxPageSize, DefaultPageSize, errors);
        return (new AuditQuery(user, action, outcome, f, t, p, size), errors);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static int Number(string? s, string name, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (Blank(s) is not { } v) return fallback;
        if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors[name] = [$"a whole number from {min} to {max}"];
        return fallback;
    }

    private static DateTimeOffset? Time(CountyTime zone, string? s, string name, Dictionary<string, string[]> errors)
    {
        if (Blank(s) is not { } v) return null;
        if (Offset().IsMatch(v))
        {
            if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.None, out var o)) return o;
        }
        else if (DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return new DateTimeOffset(local, zone.Zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)));
        errors[name] = ["a time such as 2026-12-04T08:30 (county time) or 2026-12-04T00:30:00Z"];
        return null;
    }

    [GeneratedRegex("^[a-z][a-z_]{0,39}$")]
    private static partial Regex Code();

    [GeneratedRegex(@"(Z|[+-]\d\d:?\d\d)$", RegexOptions.IgnoreCase)]
    private static partial Regex Offset();
}
