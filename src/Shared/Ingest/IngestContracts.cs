using System.Text.Json;
using System.Text.Json.Serialization;
using CommandCenter.Events;

namespace CommandCenter.Ingest;

/// <summary>
/// The JSON shape of one event as outside systems post it to <c>POST /api/v1/events</c>
/// (camelCase properties, enum values snake_case). Either GridCode or Lon+Lat must be given.
/// </summary>
public sealed record WireEvent
{
    public string? Id { get; init; }
    public EventType? Type { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public string? Source { get; init; }
    public string? GridCode { get; init; }
    public double? Lon { get; init; }
    public double? Lat { get; init; }
    public string? DrillId { get; init; }
    public string? WorkerId { get; init; }
    public string? AlarmId { get; init; }
    public int? Severity { get; init; }
    public string? AlarmKind { get; init; }
    public string? CaseId { get; init; }
    public CaseState? CaseState { get; init; }
    public string? Category { get; init; }
    public string? Actor { get; init; }
    public string? Note { get; init; }
    public string? DrillName { get; init; }
    public IReadOnlyList<string>? DrillStreets { get; init; }
    public string? IncidentId { get; init; }
    public string? Title { get; init; }
    public string? Commander { get; init; }
    public IReadOnlyList<string>? Streets { get; init; }
    public string? OrderId { get; init; }
    public string? UnitId { get; init; }
    public string? UnitKind { get; init; }
    public OrderState? OrderState { get; init; }
    public DateTimeOffset? DeadlineAt { get; init; }
    public string? WhistleId { get; init; }
    public string? Department { get; init; }
    public IReadOnlyList<string>? Departments { get; init; }
}

/// <summary>The request body: <c>{"events": [ … ]}</c>, at most <see cref="MaxBatch"/> events.</summary>
public sealed record IngestBatch(IReadOnlyList<WireEvent> Events)
{
    public const int MaxBatch = 5000;
}

/// <summary>What happened to one event of a batch.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IngestStatus>))]
public enum IngestStatus
{
    [JsonStringEnumMemberName("accepted")] Accepted,   // stored and applied
    [JsonStringEnumMemberName("duplicate")] Duplicate, // this (source, id) was accepted before; nothing done
    [JsonStringEnumMemberName("rejected")] Rejected,   // invalid: Reason says why; resend after fixing
    [JsonStringEnumMemberName("failed")] Failed,       // could not be stored now (storage down): retry later
}

public sealed record IngestResult(int Index, string? Id, IngestStatus Status, string? Reason = null, string? GridCode = null);

/// <summary>The response body. HTTP 200 when every event is accepted, duplicate or rejected; 503 when any failed.</summary>
public sealed record IngestResponse(int Accepted, int Duplicates, int Rejected, int Failed, IReadOnlyList<IngestResult> Results);

public static class IngestJson
{
    /// <summary>The serializer options the API and its clients share (camelCase, no nulls written).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
