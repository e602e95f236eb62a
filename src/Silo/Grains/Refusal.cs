namespace CommandCenter.Grains;

/// <summary>
/// Why a grain refused an event: an illegal move for the state it is in. Code is stable for clients
/// (e.g. "illegal_transition", "already_acknowledged"); Message is for people.
/// </summary>
public sealed record Refusal(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
