namespace CommandCenter.Broker;

/// <summary>Config section "Broker": the RabbitMQ connection and the partitioning of the county (multi-process mode).</summary>
public sealed class BrokerOptions
{
    /// <summary>AMQP URI, e.g. amqp://guest:guest@127.0.0.1:5672/ (RabbitMQ's guest user may only connect from localhost).</summary>
    public string Url { get; set; } = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>Fixed number of street partitions; every process of one deployment must use the same number.</summary>
    public int Partitions { get; set; } = 8;

    /// <summary>How long ingest and the console wait for the owning silo's answer after the broker confirmed the publish.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Unacknowledged messages a silo holds per partition (its group-commit window).</summary>
    public ushort Prefetch { get; set; } = 200;

    /// <summary>This silo's name in the live feed (defaults to host name and process id).</summary>
    public string? SiloId { get; set; }

    /// <summary>What is wrong with these settings, in words an operator can act on; null when they are usable.</summary>
    public string? Problem()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            return $"Broker:Url must be an AMQP URI like amqp://user:password@host:5672/, not '{Url}'";
        if (Partitions is < 1 or > 1024) return $"Broker:Partitions must be between 1 and 1024, not {Partitions}";
        if (ReplyTimeout <= TimeSpan.Zero) return $"Broker:ReplyTimeout must be positive, not {ReplyTimeout}";
        if (Prefetch == 0) return "Broker:Prefetch must be at least 1";
        return null;
    }
}
