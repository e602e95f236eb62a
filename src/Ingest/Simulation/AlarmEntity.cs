using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest;

namespace CommandCenter.Simulation;

/// <summary>
/// One alarm's life: raised → acknowledged by a duty officer 1–5 min later → cleared 5–60 min after that.
/// An alarm nobody acknowledges is never acknowledged (it escalates on the server) and is cleared by its source
/// 1–3 h later. Drill alarms run compressed (ack 1–3 min, clear 2–10 min later) so they end within the drill.
/// </summary>
internal sealed class AlarmEntity(string id, string kind, int severity, Area grid, GeoPoint position) : SimEntity
{
    private enum Stage { New, Raised, Acknowledged }

    private Stage _stage = Stage.New;

    public string Id { get; } = id;
    public string Kind { get; } = kind;
    public int Severity { get; } = severity;
    public Area Grid { get; } = grid;
    public GeoPoint Position { get; } = position;
    public bool WillAcknowledge { get; init; } = true;
    public DrillEntity? Drill { get; init; }
    public string? WorkerId { get; init; }
    public string? Note { get; init; }

    public override void Fire(ScenarioContext ctx, DateTimeOffset at)
    {
        if (Drill?.Dead == true) { ctx.Forget(this); return; }
        switch (_stage)
        {
            case Stage.New:
                ctx.Alarms[Id] = this;
                ctx.Emit(Event(ctx, EventType.AlarmRaised) with
                {
                    Lon = Position.Lon,
                    Lat = Position.Lat,
                    Severity = Severity,
                    AlarmKind = Kind,
                    WorkerId = WorkerId,
                    Note = Note,
                });
                _stage = Stage.Raised;
                var wait = Drill is not null ? ctx.Minutes(1, 3)
                    : WillAcknowledge ? ctx.Minutes(1, 5)
                    : ctx.Minutes(60, 180);
                ctx.Schedule(this, at + wait);
                break;

            case Stage.Raised when WillAcknowledge:
                ctx.Emit(Event(ctx, EventType.AlarmAcknowledged) with { Actor = SimNames.DutyOfficer(ctx.Random) });
                _stage = Stage.Acknowledged;
                ctx.Schedule(this, at + (Drill is not null ? ctx.Minutes(2, 10) : ctx.Minutes(5, 60)));
                break;

            case Stage.Raised:
                ctx.Emit(Event(ctx, EventType.AlarmCleared) with { Actor = "系统", Note = "未确认告警由源端恢复" });
                ctx.Forget(this);
                break;

            case Stage.Acknowledged:
                ctx.Emit(Event(ctx, EventType.AlarmCleared) with { Actor = SimNames.DutyOfficer(ctx.Random) });
                ctx.Forget(this);
                break;
        }
    }

    private WireEvent Event(ScenarioContext ctx, EventType type) => new()
    {
        Id = ctx.NextEventId(),
        Type = type,
        OccurredAt = ctx.Now,
        Source = ctx.Source,
        GridCode = Grid.Code,
        AlarmId = Id,
        DrillId = Drill?.Id,
    };
}
