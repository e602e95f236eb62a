namespace CommandCenter.Grains;

/// <summary>
/// Why a grain refused an event: an illegal move for the state it is in. Code is stable for clients
/// (e.g. "illegal_transition", "already_acknowledged"); Message is for people (English, in logs and ingest answers);
/// Args are the values a screen needs to say it in the viewer's language (names, ids, ISO times: "by", "at", …).
/// </summary>
public sealed record Refusal(string Code, string Message, IReadOnlyDictionary<string, string>? Args = null)
{
    public override string ToString() => $"{Code}: {Message}";
}
