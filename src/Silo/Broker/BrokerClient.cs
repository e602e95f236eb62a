using System.Collections.Concurrent;
using CommandCenter.Model;
using CommandCenter.Ingest;
using CommandCenter.Live;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using CountyEvent = CommandCenter.Events.CountyEvent;
using EventType = CommandCenter.Events.EventType;
using CaseState = CommandCenter.Events.CaseState;

namespace CommandCenter.Broker;

/// <summary>
/// The ingest and dashboard processes' side of the broker, and their <see cref="IEventPipeline"/>:
/// events are routed to their street's partition and published persistent with publisher confirms (a
/// nack, an unroutable message or a closed connection is "failed": nothing was promised); then the owning
/// silo's answer is awaited (reply queue + correlation id). If it does not come within ReplyTimeout the
/// event is still durable in its quorum queue: ingest answers "accepted" (AcceptWhenQueued), the
/// console "failed" (it must not claim a one-wins decision it did not see).
/// It also feeds the process's mirror of the county (a <see cref="CountySilo"/> that never writes) from
/// the live fanout, and asks the mirror where an alarm or case is when an event names only its id.
/// </summary>
public sealed class BrokerClient(BrokerOptions options, StreetPartitioner partitioner, CountySilo mirror, PartitionTable table,
    ILogger<BrokerClient> log) : IEventPipeline, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<BatchReply>> _waiting = new();
    private readonly string _replyQueue = $"cc.reply.{Environment.MachineName}.{Guid.NewGuid():N}";
    private IConnection? _connection;
    private IChannel? _publish;

    /// <summary>When no silo answers in time, report a confirmed (queued, durable) event as accepted.</summary>
    public bool AcceptWhenQueued { get; set; }
    public bool Connected => _connection is { IsOpen: true } && _publish is { IsOpen: true };

    /// <summary>Connects, declares the topology, subscribes to replies and to the live feed (before the mirror rebuilds, so nothing falls between).</summary>
    public async Task StartAsync(string name, CancellationToken ct)
    {
        _connection = await BrokerConnection.OpenAsync(options, name, recover: true, log, ct);
        var setup = await _connection.CreateChannelAsync(cancellationToken: ct);
        await BrokerTopology.DeclareAsync(setup, options.Partitions, ct);

        await setup.QueueDeclareAsync(_replyQueue, durable: false, exclusive: true, autoDelete: true, cancellationToken: ct);
        var replies = new AsyncEventingBasicConsumer(setup);
        replies.ReceivedAsync += (_, ea) =>
        {
            if (ea.BasicProperties.CorrelationId is { } id && _waiting.TryRemove(id, out var tcs))
                try { tcs.TrySetResult(BrokerJson.Decode<BatchReply>(ea.Body)); }
                catch (Exception ex) { tcs.TrySetException(ex); }
            return Task.CompletedTask;
        };
        await setup.BasicConsumeAsync(_replyQueue, autoAck: true, replies, ct);

        var liveQueue = $"cc.live.{Environment.MachineName}.{Guid.NewGuid():N}";
        await setup.QueueDeclareAsync(liveQueue, durable: false, exclusive: true, autoDelete: true, cancellationToken: ct);
        await setup.QueueBindAsync(liveQueue, BrokerTopology.Live, "", cancellationToken: ct);
        var live = new AsyncEventingBasicConsumer(setup);
        live.ReceivedAsync += async (_, ea) =>
        {
            LiveBatch batch;
            try { batch = BrokerJson.Decode<LiveBatch>(ea.Body); }
            catch (Exception ex) { log.LogError("undecodable live message ({Error})", ex.Message); return; }
            table.Record(batch);
            if (batch.Events.Count > 0) await mirror.ApplyStoredAsync(batch.Events, ct);
        };
        await setup.BasicConsumeAsync(liveQueue, autoAck: true, live, ct);

        // Live messages published while the connection was down are lost to this process: catch up from the log.
        _connection.RecoverySucceededAsync += async (_, _) =>
        {
            log.LogWarning("reconnected to RabbitMQ: rebuilding the mirror from the event log to catch up");
            await mirror.ResyncAsync(ct);
        };

        _publish = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
    }

    public async Task<ApplyOutcome[]> SubmitAsync(IReadOnlyList<CountyEvent> events, CancellationToken ct = default)
    {
        var outcomes = new ApplyOutcome[events.Count];
        if (events.Count == 0) return outcomes;
        if (!Connected) return Fill(outcomes, Failed("the message broker is unreachable: retry"));

        var partitions = await RouteAsync(events, ct);
        var sends = partitions.Select((p, i) => (p, i)).GroupBy(x => x.p, x => x.i)
            .Select(g => SendAsync(g.Key, g.ToList(), events, outcomes, ct)).ToList();
        await Task.WhenAll(sends);
        return outcomes;
    }

    private async Task SendAsync(int partition, List<int> indices, IReadOnlyList<CountyEvent> events, ApplyOutcome[] outcomes, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N");
        var reply = new TaskCompletionSource<BatchReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = reply;
        try
        {
            var props = new BasicProperties
            {
                Persistent = true, ReplyTo = _replyQueue, CorrelationId = id, ContentType = "application/json",
            };
            var body = BrokerJson.Encode(new PartitionBatch(indices.Select(i => events[i]).ToList()));
            await _publish!.BasicPublishAsync(BrokerTopology.Events, partition.ToString(), mandatory: true, props, body, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            _waiting.TryRemove(id, out _);
            log.LogWarning("publish to partition {Partition} not confirmed ({Error}); answering failed", partition, ex.Message);
            foreach (var i in indices) outcomes[i] = Failed("the message broker did not confirm the event: retry");
            return;
        }

        // Confirmed: the event is durable in its partition's quorum queue and will be applied.
        var finished = await Task.WhenAny(reply.Task, Task.Delay(options.ReplyTimeout, ct));
        if (finished == reply.Task && reply.Task.IsCompletedSuccessfully && reply.Task.Result.Outcomes.Count == indices.Count)
        {
            var answer = reply.Task.Result.Outcomes;
            for (var k = 0; k < indices.Count; k++) outcomes[indices[k]] = answer[k];
            return;
        }
        _waiting.TryRemove(id, out _);
        foreach (var i in indices)
            outcomes[i] = AcceptWhenQueued
                ? ApplyOutcome.Accepted(events[i].GridCode)
                : Failed($"no silo answered within {options.ReplyTimeout.TotalSeconds:0.#} s; the action is queued and will still be applied");
    }

    /// <summary>The partition of each event; for an acknowledgement or case move without a grid, where the mirror (or this batch) saw it open.</summary>
    private async Task<int[]> RouteAsync(IReadOnlyList<CountyEvent> events, CancellationToken ct)
    {
        var result = new int[events.Count];
        var unknown = new List<int>();
        for (var i = 0; i < events.Count; i++)
        {
            if (partitioner.OfEvent(events[i]) is { } p) result[i] = p;
            else unknown.Add(i);
        }
        if (unknown.Count == 0) return result;

        var grids = await mirror.ReadAsync(m => unknown.Select(i => events[i].Type switch
        {
            EventType.AlarmAcknowledged or EventType.AlarmCleared => m.GridOfAlarm(events[i].AlarmId!),
            EventType.CaseChanged => m.GridOfCase(events[i].CaseId!),
            _ => null,
        }).ToArray(), ct);
        var alarmsHere = new Dictionary<string, string>(StringComparer.Ordinal);
        var casesHere = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Type == EventType.AlarmRaised && e.AlarmId is { } a && e.GridCode.Length > 0) alarmsHere[a] = e.GridCode;
            if (e.Type == EventType.CaseChanged && e.CaseState == CaseState.Reported && e.CaseId is { } c && e.GridCode.Length > 0) casesHere[c] = e.GridCode;
        }
        for (var k = 0; k < unknown.Count; k++)
        {
            var e = events[unknown[k]];
            var grid = (e.AlarmId is { } a ? alarmsHere.GetValueOrDefault(a) : null)
                       ?? (e.CaseId is { } c ? casesHere.GetValueOrDefault(c) : null)
                       ?? grids[k];
            result[unknown[k]] = partitioner.OfGrid(grid) ?? 0;
        }
        return result;
    }

    private static ApplyOutcome[] Fill(ApplyOutcome[] outcomes, ApplyOutcome o)
    {
        Array.Fill(outcomes, o);
        return outcomes;
    }

    private static ApplyOutcome Failed(string why) => new(IngestStatus.Failed, null, new Refusal("broker_unavailable", why));

    public async ValueTask DisposeAsync()
    {
        if (_connection is { IsOpen: true }) await _connection.CloseAsync();
        _connection?.Dispose();
    }
}
