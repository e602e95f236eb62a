namespace CommandCenter.Hosting;

/// <summary>
/// What this process is (config "Mode", e.g. --Mode=silo): the whole product in one host (single, the
/// default), or one part of the multi-process deployment connected by RabbitMQ.
/// </summary>
public enum ProcessMode { Single, Silo, Ingest, Dashboard }

public static class ProcessModes
{
    public static ProcessMode Of(IConfiguration config)
    {
        var text = config["Mode"];
        if (string.IsNullOrWhiteSpace(text)) return ProcessMode.Single;
        return Enum.TryParse<ProcessMode>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new InvalidOperationException($"Mode must be single, silo, ingest or dashboard, not '{text}'");
    }
}
