namespace CommandCenter.Simulation;

/// <summary>
/// Something in the scenario that acts at a scheduled time: a worker's next check-in, an alarm's or a case's
/// next move, a drill, an arrival process. The scenario keeps no other kind of job.
/// </summary>
internal abstract class SimEntity
{
    /// <summary>Set when the server rejected one of its events: it makes no further moves.</summary>
    public bool Dead { get; set; }

    /// <summary>
    /// Act at <paramref name="at"/>: the scheduled time, or the step's time when the scenario fell behind by
    /// more than <see cref="ScenarioContext.MaxLag"/>. Emit events through the context and schedule the next move.
    /// </summary>
    public abstract void Fire(ScenarioContext ctx, DateTimeOffset at);
}
