using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace CommandCenter.Broker;

/// <summary>Opens the process's one RabbitMQ connection, retrying until the broker answers.</summary>
public static class BrokerConnection
{
    public static async Task<IConnection> OpenAsync(BrokerOptions options, string name, bool recover, ILogger log, CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.Url),
            ClientProvidedName = name,
            AutomaticRecoveryEnabled = recover,
            TopologyRecoveryEnabled = recover,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
            RequestedHeartbeat = TimeSpan.FromSeconds(10),
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = await factory.CreateConnectionAsync(name, ct);
                log.LogInformation("connected to RabbitMQ at {Host}:{Port} as {Name}", factory.HostName, factory.Port, name);
                return connection;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                if (attempt == 1 || attempt % 30 == 0) log.LogWarning("RabbitMQ not reachable yet ({Error}); retrying", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
