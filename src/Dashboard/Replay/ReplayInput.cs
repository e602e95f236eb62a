using CommandCenter.Time;

namespace CommandCenter.Replay;

/// <summary>
/// What the replay API accepts (issue 13 item 5): instants between 2000-01-01 and a day after now (the injected
/// clock), and only the known values of its enum-like parameters. Anything else is a 400 ProblemDetails naming
/// the field (errors[field]) and, for an enum, listing the allowed values; the message carries local times.
/// </summary>
public sealed class ReplayInput(TimeProvider time, CountyTime zone)
{
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(1);
    public static readonly string[] CsvKinds = ["timeline", "alarms", "cases", "streets", "incidents", "orders", "report-ins", "plan-steps"];
    public static readonly string[] Directions = ["next", "prev"];

    /// <summary>null when every named instant is sane (or absent), else the 400 for the first that is not.</summary>
    public IResult? Instants(params (string Field, DateTimeOffset? Value)[] fields)
    {
        var latest = time.GetUtcNow() + Ahead;
        foreach (var (field, value) in fields)
            if (value is { } t && (t < Earliest || t > latest))
                return Bad(field, $"'{field}' must be between {zone.Format(Earliest)} and {zone.Format(latest)} ({zone.ZoneId}); got {zone.Format(t)}");
        return null;
    }

    /// <summary>null when the value is one of the allowed ones (or absent and optional).</summary>
    public static IResult? OneOf(string field, string? value, string[] allowed) =>
        value is null || allowed.Contains(value, StringComparer.Ordinal) ? null
            : Bad(field, $"'{field}' must be one of: {string.Join(", ", allowed)}", allowed);

    public static IResult Bad(string field, string message, string[]? allowed = null)
    {
        var extensions = new Dictionary<string, object?> { ["error"] = message, ["field"] = field };
        if (allowed is not null) extensions["allowed"] = allowed;
        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, extensions: extensions);
    }
}
