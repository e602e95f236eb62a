using CommandCenter.EventLog;
using CommandCenter.Live;
using CommandCenter.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CommandCenter.Broker;

/// <summary>
/// A silo in multi-process mode: subscribes to every partition queue; RabbitMQ makes it the active
/// consumer of the partitions no other silo holds, and of the rest when their owner dies. If its own
/// broker connection drops, the process stops (its unacked messages go back to the queues; the
/// supervisor restarts it and it rebuilds whatever it is given).
/// </summary>
public sealed class PartitionSilo(BrokerOptions options, StreetPartitioner partitioner, CountyModelFactory models, EventStore store,
    InfluxClient influx, TimeProvider time, SiloOptions siloOptions, IHostApplicationLifetime lifetime, ILoggerFactory logs) : BackgroundService
{
    private readonly ILogger _log = logs.CreateLogger<PartitionSilo>();
    private readonly List<PartitionWorker> _workers = [];
    private IConnection? _connection;

    public string SiloId { get; } = options.SiloId ?? $"{Environment.MachineName}-{Environment.ProcessId}";
    public bool Connected => _connection is { IsOpen: true };
    public IReadOnlyList<PartitionWorker> Workers => _workers;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await influx.EnsureDatabaseWhenReachableAsync(time, _log, ct);
        _connection = await BrokerConnection.OpenAsync(options, $"silo {SiloId}", recover: false, _log, ct);
        _connection.ConnectionShutdownAsync += (_, e) =>
        {
            if (!ct.IsCancellationRequested)
            {
                _log.LogError("lost the RabbitMQ connection ({Reason}); stopping so the supervisor restarts this silo", e.ReplyText);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
            }
            return Task.CompletedTask;
        };
        await using (var setup = await _connection.CreateChannelAsync(cancellationToken: ct))
            await BrokerTopology.DeclareAsync(setup, options.Partitions, ct);

        for (var p = 0; p < options.Partitions; p++)
        {
            var channel = await _connection.CreateChannelAsync(cancellationToken: ct);
            await channel.BasicQosAsync(0, options.Prefetch, false, ct);
            var worker = new PartitionWorker(p, SiloId, channel, models, store, influx, partitioner, time, siloOptions, _log);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (_, ea) =>
            {
                PartitionBatch? batch = null;
                try { batch = BrokerJson.Decode<PartitionBatch>(ea.Body); }
                catch (Exception ex) { _log.LogError("partition {Partition}: undecodable message ({Error})", worker.Partition, ex.Message); }
                await worker.EnqueueAsync(new Delivery(ea.DeliveryTag, ea.Redelivered, ea.BasicProperties.ReplyTo, ea.BasicProperties.CorrelationId, batch), ct);
            };
            await channel.BasicConsumeAsync(BrokerTopology.Queue(p), autoAck: false, consumer, ct);
            _workers.Add(worker);
        }
        _log.LogInformation("silo {Silo} waiting on {Count} partitions", SiloId, options.Partitions);
        await Task.WhenAll(_workers.Select(w => w.RunAsync(ct)));
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        if (_connection is { IsOpen: true }) await _connection.CloseAsync(ct);
    }
}
