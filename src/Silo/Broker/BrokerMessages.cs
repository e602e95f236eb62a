using System.Text.Json;
using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Views;

namespace CommandCenter.Broker;

/// <summary>Events for one partition from one submission (ingest request or console action).</summary>
public sealed record PartitionBatch(IReadOnlyList<CountyEvent> Events);

/// <summary>The owning silo's answer to a batch, one outcome per event, sent after the accepted ones are stored.</summary>
public sealed record BatchReply(string Silo, int Partition, IReadOnlyList<ApplyOutcome> Outcomes);

/// <summary>
/// One group commit of one partition, on the live fanout: the stored events (Seq and grid set) and the
/// partition's street figures after it. Events is empty for a takeover or tick notice.
/// </summary>
public sealed record LiveBatch(string Silo, int Partition, DateTimeOffset At, IReadOnlyList<CountyEvent> Events, IReadOnlyList<AreaSummary> Streets);

public static class BrokerJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    public static byte[] Encode<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);
    public static T Decode<T>(ReadOnlyMemory<byte> body) => JsonSerializer.Deserialize<T>(body.Span, Options) ?? throw new JsonException("empty message");
}
