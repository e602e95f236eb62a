using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest;

namespace CommandCenter.Simulation;

/// <summary>
/// One case (事件/案件) walking the loop of <see cref="CaseFlow"/>. A regular case finishes well inside its
/// category's deadline (waits shrink as the deadline nears and no returns happen in its second half); an overdue
/// case is held in progress until 10–90 min past the deadline. Drill cases take the straight path, 1–3 min a step;
/// so do quick cases (a hotline call settled on the phone, 接诉即办), 15–60 s a step: they close within minutes.
/// Every event carries caseId and gridCode; the report also carries the position and the reporting worker.
/// </summary>
internal sealed class CaseEntity(string id, string category, Area grid, GeoPoint position, DateTimeOffset reportedAt) : SimEntity
{
    private static readonly TimeSpan MinWait = TimeSpan.FromSeconds(1);
    private bool _held;

    public string Id { get; } = id;
    public string Category { get; } = category;
    public Area Grid { get; } = grid;
    public CaseState? State { get; private set; }
    public DateTimeOffset DeadlineAt { get; } = reportedAt + CaseCategories.DeadlineOf(category);
    public bool Overdue { get; init; }
    public bool Quick { get; init; }
    public DrillEntity? Drill { get; init; }
    public PatrolWorker? Reporter { get; init; }

    public override void Fire(ScenarioContext ctx, DateTimeOffset at)
    {
        if (Drill?.Dead == true) { ctx.Forget(this); return; }
        var next = Next(ctx, at);
        var e = new WireEvent
        {
            Id = ctx.NextEventId(),
            Type = EventType.CaseChanged,
            OccurredAt = ctx.Now,
            Source = ctx.Source,
            GridCode = Grid.Code,
            CaseId = Id,
            CaseState = next,
            DrillId = Drill?.Id,
            Actor = next == CaseState.Reported
                ? Reporter?.Name ?? "12345热线"
                : CaseFlow.ActorFor(next, Category, ctx.Random),
        };
        if (next == CaseState.Reported)
        {
            ctx.Cases[Id] = this;
            e = e with
            {
                Category = Category,
                Lon = position.Lon,
                Lat = position.Lat,
                WorkerId = Reporter?.Id,
                Note = CaseCategories.All.TryGetValue(Category, out var c) ? c.Name : null,
            };
        }
        ctx.Emit(e);
        State = next;
        if (CaseTransitions.IsTerminal(next)) { ctx.Forget(this); return; }
        ctx.Schedule(this, at + Wait(ctx, at, next));
    }

    private CaseState Next(ScenarioContext ctx, DateTimeOffset at)
    {
        var returnsAllowed = Drill is null && !Quick && (Overdue || at - reportedAt < (DeadlineAt - reportedAt) / 2);
        return State switch
        {
            null => CaseState.Reported,
            CaseState.Reported => Drill is null && ctx.Chance(CaseFlow.RejectAtIntake) ? CaseState.Rejected : CaseState.Accepted,
            CaseState.Accepted => CaseState.Dispatched,
            CaseState.Dispatched => returnsAllowed && ctx.Chance(CaseFlow.ReturnOnDispatch) ? CaseState.Returned : CaseState.InProgress,
            CaseState.InProgress => CaseState.Handled,
            CaseState.Handled => returnsAllowed && ctx.Chance(CaseFlow.FailVerification) ? CaseState.Returned : CaseState.Verified,
            CaseState.Verified => CaseState.Closed,
            CaseState.Returned => ctx.Chance(CaseFlow.RejectAfterReturn) ? CaseState.Rejected : CaseState.Dispatched,
            var s => throw new InvalidOperationException($"case {Id} has no move from {s}"),
        };
    }

    private TimeSpan Wait(ScenarioContext ctx, DateTimeOffset at, CaseState state)
    {
        if (Drill is not null) return ctx.Minutes(1, 3);
        if (Quick) return ctx.Minutes(0.25, 1);
        var (min, max) = CaseFlow.Wait(state);
        var wait = ctx.Minutes(min, max);
        if (Overdue)
        {
            if (state != CaseState.InProgress || _held) return wait;
            _held = true;
            var release = DeadlineAt + ctx.Minutes(10, 90);
            return release - at > wait ? release - at : wait;
        }
        var share = (DeadlineAt - at) / 6;   // at most six moves remain: each takes ≤ 1/6 of what is left
        if (share < MinWait) share = MinWait;
        return share < wait ? share : wait;
    }
}
