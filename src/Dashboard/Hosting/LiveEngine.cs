namespace CommandCenter.Hosting;

/// <summary>
/// What runs the live county in single-process mode (config <c>Live:Engine</c>): <c>orleans</c> (the default: the county's
/// grains on an Orleans silo in this host) or <c>mailbox</c> (the single-mailbox silo built before Orleans could be had,
/// kept until the Orleans cluster replaces the multi-process mode).
/// </summary>
public enum LiveEngine { Orleans, Mailbox }

public static class LiveEngines
{
    public static LiveEngine Of(IConfiguration config) => (config["Live:Engine"] ?? "orleans").Trim().ToLowerInvariant() switch
    {
        "orleans" => LiveEngine.Orleans,
        "mailbox" => LiveEngine.Mailbox,
        var other => throw new InvalidOperationException($"Live:Engine must be orleans or mailbox, not '{other}'"),
    };
}
