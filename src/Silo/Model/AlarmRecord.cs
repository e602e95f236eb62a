using CommandCenter.Geography;

namespace CommandCenter.Model;

/// <summary>An open alarm (告警) in a grid: raised, maybe acknowledged, not yet cleared.</summary>
public sealed record AlarmRecord(string Id, int Severity, string Kind, DateTimeOffset RaisedAt, GeoPoint? Position, string? DrillId)
{
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
    public string? CaseId { get; init; }
    public bool IsAcknowledged => AcknowledgedAt is not null;
}
