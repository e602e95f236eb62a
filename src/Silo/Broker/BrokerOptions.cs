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
}
