using CommandCenter.Ingest;

namespace CommandCenter.Model;

/// <summary>What the county model did with one event: accepted (in GridCode), duplicate, or refused.</summary>
public readonly record struct ApplyOutcome(IngestStatus Status, string? GridCode, Refusal? Refusal)
{
    public static ApplyOutcome Accepted(string gridCode) => new(IngestStatus.Accepted, gridCode, null);
    public static readonly ApplyOutcome Duplicate = new(IngestStatus.Duplicate, null, null);
    public static ApplyOutcome Refused(Refusal r) => new(IngestStatus.Rejected, null, r);
    public static ApplyOutcome Refused(string code, string message) => Refused(new Refusal(code, message));
}
