using System.Diagnostics;
using System.Threading.Channels;
using CommandCenter.Command;
using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Ingest;
using CommandCenter.Live;
using CommandCenter.Storage;
using CommandCenter.Views;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace CommandCenter.Broker;

/// <summary>A message taken from a partition queue (its body already decoded; null when it could not be).</summary>
public sealed record Delivery(ulong Tag, bool Redelivered, string? ReplyTo, string? CorrelationId, PartitionBatch? Batch);

/// <summary>
/// One partition's grains in a silo. Its queue has a single active consumer, so the first delivery means
/// this silo owns the partition (RabbitMQ 0-9-1 does not announce it): the worker then rebuilds the
/// partition's streets from the event log before it applies anything. Group commit as in single-process
/// mode: apply what has arrived, store the accepted events in one write, publish them on the live fanout,
/// and only then ack (multiple) and answer the senders. A silo killed after the write but before the ack
/// gets its messages redelivered to the next owner, which finds them stored (duplicates by id) and
/// publishes them again, so the mirrors (which drop what they have by id) miss nothing. A failed write
/// nacks the group back to the queue and rebuilds the grains before the next one (they may be ahead of the log).
/// </summary>
public sealed class PartitionWorker(int partition, string siloId, IChannel channel, CountyModelFactory models, EventStore store,
    InfluxClient influx, StreetPartitioner partitioner, TimeProvider time, SiloOptions siloOptions, ILogger log)
{
    /// <summary>The event types the command board applies (they live in partition 0), as stored in the `type` tag.</summary>
    private static readonly string[] BoardTypes =
        Enum.GetValues<EventType>().Where(CommandBoard.Handles).Select(t => t.ToWire()).ToArray();

    private readonly Channel<Delivery> _inbox = Channel.CreateUnbounded<Delivery>();
    private readonly SeqClock _clock = new(time);
    private CountyModel? _model;
    private bool _needsRebuild = true;

    public int Partition => partition;
    public bool Owned => _model is not null;
    public DateTimeOffset? OwnedSince { get; private set; }
    public long EventsApplied { get; private set; }

    public ValueTask EnqueueAsync(Delivery d, CancellationToken ct) => _inbox.Writer.WriteAsync(d, ct);

    public async Task RunAsync(CancellationToken ct)
    {
        var group = new List<Delivery>();
        while (!ct.IsCancellationRequested)
        {
            bool arrived;
            try { arrived = await _inbox.Reader.WaitToReadAsync(ct).AsTask().WaitAsync(siloOptions.TickInterval, ct); }
            catch (TimeoutException) { await TickAsync(ct); continue; }
            if (!arrived) return;
            group.Clear();
            var size = 0;
            while (size < siloOptions.MaxGroupEvents && _inbox.Reader.TryRead(out var d))
            {
                group.Add(d);
                size += d.Batch?.Events.Count ?? 0;
            }
            while (_needsRebuild)
            {
                try { await RebuildAsync(ct); }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    log.LogWarning("partition {Partition}: cannot rebuild from the event log ({Error}); retrying", partition, ex.Message);
                    await Task.Delay(siloOptions.RecoveryRetry, time, ct);
                }
            }
            await CommitAsync(group, ct);
        }
    }

    private async Task CommitAsync(List<Delivery> group, CancellationToken ct)
    {
        var model = _model!;
        var accepted = new List<CountyEvent>();
        var republish = new List<CountyEvent>();
        var outcomes = new ApplyOutcome[group.Count][];
        for (var g = 0; g < group.Count; g++)
        {
            var events = group[g].Batch?.Events ?? [];
            if (group[g].Batch is null) log.LogError("partition {Partition}: dropped a message that is not an event batch", partition);
            outcomes[g] = new ApplyOutcome[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i] with { Seq = _clock.Next() };
                var o = model.Apply(e);
                outcomes[g][i] = o;
                if (o.Status == IngestStatus.Accepted) accepted.Add(e with { GridCode = o.GridCode! });
                else if (o.Status == IngestStatus.Duplicate && group[g].Redelivered) republish.Add(events[i]);
            }
        }

        try
        {
            await store.AppendAsync(accepted, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogError("partition {Partition}: event log write of {Count} events failed ({Error}); returning them to the queue and rebuilding",
                partition, accepted.Count, ex.Message);
            _needsRebuild = true;
            await channel.BasicNackAsync(group[^1].Tag, multiple: true, requeue: true, ct);
            await Task.Delay(siloOptions.RecoveryRetry, time, ct);
            return;
        }

        model.TakeChangedGrids();
        await PublishLiveAsync(republish.Count == 0 ? accepted : [.. republish, .. accepted], ct);
        await channel.BasicAckAsync(group[^1].Tag, multiple: true, ct);
        EventsApplied += accepted.Count;
        for (var g = 0; g < group.Count; g++)
            if (group[g].ReplyTo is { Length: > 0 } replyTo)
                await channel.BasicPublishAsync("", replyTo, false, new BasicProperties { CorrelationId = group[g].CorrelationId },
                    BrokerJson.Encode(new BatchReply(siloId, partition, outcomes[g])), ct);
    }

    private async Task TickAsync(CancellationToken ct)
    {
        if (_model is null) return;
        _model.Tick(time.GetUtcNow());
        _model.TakeChangedGrids();
        await PublishLiveAsync([], ct); // also the owner's heartbeat
    }

    private Task PublishLiveAsync(IReadOnlyList<CountyEvent> events, CancellationToken ct)
    {
        var streets = partitioner.StreetsOf(partition)
            .Select(code => _model!.FindAggregate(code))
            .Where(a => a is not null && a.Code != _model!.County.Code)
            .Select(a => AreaSummary.Of(a!)).ToList();
        var body = BrokerJson.Encode(new LiveBatch(siloId, partition, time.GetUtcNow(), events, streets));
        return channel.BasicPublishAsync(BrokerTopology.Live, "", body, ct).AsTask();
    }

    /// <summary>Builds this partition's grains from the event log: its streets (a tag filter), and for partition 0 the county-level and board events.</summary>
    private async Task RebuildAsync(CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var model = models.Create();
        long count = 0, refused = 0;
        var where = RebuildFilter();
        if (where is not null)
            await foreach (var row in influx.QueryAsync($"SELECT * FROM {EventCodec.Measurement} WHERE {where} ORDER BY time ASC", ct))
            {
                var e = EventCodec.FromRow(row);
                if (e.Seq <= model.LastSeq) continue;
                if (model.Apply(e).Status != IngestStatus.Accepted) refused++;
                count++;
            }
        model.Tick(time.GetUtcNow());
        model.TakeChangedGrids();
        _clock.AdvancePast(model.LastSeq);
        _model = model;
        _needsRebuild = false;
        OwnedSince ??= time.GetUtcNow();
        EventsApplied = count - refused;
        log.LogInformation("partition {Partition}: owned by {Silo}; rebuilt from {Count} stored events in {Elapsed} ms",
            partition, siloId, count, sw.ElapsedMilliseconds);
        await PublishLiveAsync([], ct);
    }

    private string? RebuildFilter()
    {
        var board = "type =~ /^(" + string.Join('|', BoardTypes) + ")$/";
        var streets = partitioner.StreetsOf(partition).Select(s => $"street = '{s.Replace("\\", "\\\\").Replace("'", "\\'")}'").ToList();
        if (partition == 0) return $"({string.Join(" OR ", streets)} OR {board})";
        if (streets.Count == 0) return null;
        return $"({string.Join(" OR ", streets)}) AND type !~ /^(" + string.Join('|', BoardTypes) + ")$/";
    }
}
