using CommandCenter.Events;
using CommandCenter.Model;

namespace CommandCenter.Live;

/// <summary>
/// Where validated events go to be applied and stored. Single-process mode: the in-process silo;
/// multi-process mode: the broker. Every outcome is final: Accepted means stored.
/// </summary>
public interface IEventPipeline
{
    Task<ApplyOutcome[]> SubmitAsync(IReadOnlyList<CountyEvent> events, CancellationToken ct = default);
}
