using RabbitMQ.Client;

namespace CommandCenter.Broker;

/// <summary>
/// The RabbitMQ names and declarations every process shares: a direct exchange routing each event batch
/// to its partition's durable quorum queue (single active consumer: RabbitMQ picks the owning silo and
/// hands the queue to another when it dies), and a fanout exchange for the live feed of stored events.
/// </summary>
public static class BrokerTopology
{
    public const string Events = "cc.events";
    public const string Live = "cc.live";
    public static string Queue(int partition) => $"cc.partition.{partition}";

    public static async Task DeclareAsync(IChannel channel, int partitions, CancellationToken ct)
    {
        await channel.ExchangeDeclareAsync(Events, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.ExchangeDeclareAsync(Live, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        var args = new Dictionary<string, object?> { ["x-queue-type"] = "quorum", ["x-single-active-consumer"] = true };
        for (var p = 0; p < partitions; p++)
        {
            await channel.QueueDeclareAsync(Queue(p), durable: true, exclusive: false, autoDelete: false, arguments: args, cancellationToken: ct);
            await channel.QueueBindAsync(Queue(p), Events, p.ToString(), cancellationToken: ct);
        }
    }
}
