namespace CommandCenter.Model;

/// <summary>
/// Why a grain refused an event: an illegal move for the state it is in. Code is stable for clients
/// (e.g. "illegal_transition", "already_acknowledged"); Message is for people (English, in logs and ingest answers);
/// Args are the values a screen needs to say it in the viewer's language (names, ids, ISO times: "by", "at", …).
/// </summary>
public sealed record Refusal(string Code, string Message, IReadOnlyDictionary<string, string>? Args = null)
{
    public override string ToString() => $"{Code}: {Message}";

    /// <summary>A refusal about one thing (an alarm, a case, an order …): Args {id}.</summary>
    public static Refusal About(string code, string id, string message) => new(code, message, new Dictionary<string, string> { ["id"] = id });

    /// <summary>An illegal move: Args {id, from, to, legal (comma-joined)}.</summary>
    public static Refusal Illegal(string what, string id, string from, string to, IEnumerable<string> legal)
    {
        var allowed = string.Join(",", legal);
        return new("illegal_transition", $"{what} {id} is {from}: it can go to {allowed.Replace(",", ", ")}, not {to}",
            new Dictionary<string, string> { ["id"] = id, ["from"] = from, ["to"] = to, ["legal"] = allowed });
    }
}
