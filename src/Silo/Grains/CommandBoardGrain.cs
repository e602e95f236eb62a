using CommandCenter.Command;
using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Live;
using CommandCenter.Model;
using CommandCenter.Screens;
using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>
/// 指挥调度 board grain: a shell over <see cref="CommandBoard"/>. Before applying a link it asks the id directories whether
/// the alarm or case is open anywhere in the county. Rebuilt on activation from the board's events and the acknowledgements,
/// clears, case moves and supply orders its incidents' timelines show, in log order (as replay does).
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class CommandBoardGrain(CountyMap map, EventStore store, EventLogWriter writer, TimeProvider time, SiloOptions options,
    ScreenOutbox screens)
    : Grain, ICommandBoardGrain
{
    private static readonly EventType[] BoardTypes = Enum.GetValues<EventType>().Where(CommandBoard.Handles).ToArray();
    private static readonly EventType[] Observed = [EventType.AlarmAcknowledged, EventType.AlarmCleared, EventType.CaseChanged, EventType.SupplyOrderChanged];

    private CommandBoard _board = new();
    private OwnedLog _log = null!;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        if (this.GetPrimaryKeyString() != map.County.Code) throw new ArgumentException("the board is keyed by the county code");
        _log = new OwnedLog(writer, time, options.DedupeWindow);
        await _log.ReplayAsync(store.ReadTypesAsync([.. BoardTypes, .. Observed], ct), e =>
        {
            if (!CommandBoard.Handles(e.Type)) { _board.Observe(e); return false; }
            _board.Apply(e, _ => true); // stored, so it was accepted: the link's alarm or case was open then
            return true;
        }, ct);
    }

    public async Task<Immutable<ApplyOutcome[]>> Apply(Immutable<CountyEvent[]> events)
    {
        var batch = events.Value;
        var open = await OpenLinksAsync(batch);
        var (outcomes, applied, stored) = await _log.ApplyAndStoreAsync(batch,
            e => string.IsNullOrEmpty(e.GridCode) ? map.County.Code : e.GridCode, e => _board.Apply(e, open.Contains));
        if (!stored)
        {
            // ahead of the log: rebuild from it before serving again
            _board = new CommandBoard();
            await OnActivateAsync(CancellationToken.None);
        }
        else if (applied.Count > 0) screens.Board(_board.ToState(), applied);
        return outcomes.AsImmutable();
    }

    /// <summary>Which "alarm:id" / "case:id" keys the batch's links name are open now.</summary>
    private async Task<HashSet<string>> OpenLinksAsync(CountyEvent[] batch)
    {
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in batch.Where(e => e.Type == EventType.IncidentLinked))
        {
            var (key, id) = e.AlarmId is { } a ? (IdDirectory.AlarmKey(a), a) : e.CaseId is { } c ? (IdDirectory.CaseKey(c), c) : (null, null);
            if (key is null) continue;
            var found = await GrainFactory.GetGrain<IDirectoryGrain>(key).Find(new[] { id! }.AsImmutable());
            if (found.Value[0].Open) open.Add(e.AlarmId is not null ? $"alarm:{id}" : $"case:{id}");
        }
        return open;
    }

    public Task Observe(Immutable<CountyEvent[]> events)
    {
        foreach (var e in events.Value) _board.Observe(e);
        screens.Board(_board.ToState(), []);
        return Task.CompletedTask;
    }

    public Task<BoardCapture?> CaptureAt(DateTimeOffset at) =>
        Task.FromResult(_log.HoldBefore(at) ? new BoardCapture(_board.ToState(), _log.LastSeq, _log.Count) : null);

    public Task<Immutable<BoardState>> Capture() => Task.FromResult(_board.ToState().AsImmutable());
}
