using CommandCenter.Command;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Live;
using CommandCenter.Model;
using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>
/// The <see cref="IEventPipeline"/> on Orleans: routes each event to the grain that owns it (its grid, the board, the
/// county's drills), one call per grain with that grain's events in their order, all grains at once. An acknowledgement
/// or case move that names no grid is routed through the id directories (or to the grid an earlier event of the same
/// submission raised it in). Every outcome is final: accepted means stored.
/// </summary>
public sealed class GrainPipeline(IGrainFactory grains, CountyMap map, Func<bool>? ready = null) : IEventPipeline
{
    private readonly GrainRefs _refs = new(grains);

    public async Task<ApplyOutcome[]> SubmitAsync(IReadOnlyList<CountyEvent> events, CancellationToken ct = default)
    {
        var outcomes = new ApplyOutcome[events.Count];
        if (ready is not null && !ready())
        {
            // the county is still loading from the log: an acknowledgement could miss its alarm's grid
            Array.Fill(outcomes, Unavailable("the county is loading from the event log: retry shortly"));
            return outcomes;
        }
        var held = await FindHoldersAsync(events);
        var byTarget = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var raisedHere = new Dictionary<string, string>(StringComparer.Ordinal); // "alarm:id" → grid, earlier in this submission
        for (var i = 0; i < events.Count; i++)
        {
            var (target, refusal) = Route(events[i], held, raisedHere);
            if (refusal is not null) { outcomes[i] = ApplyOutcome.Refused(refusal); continue; }
            if (!byTarget.TryGetValue(target!, out var list)) byTarget[target!] = list = [];
            list.Add(i);
        }
        await Task.WhenAll(byTarget.Select(async t =>
        {
            var batch = t.Value.Select(i => events[i]).ToArray().AsImmutable();
            ApplyOutcome[] answers;
            try { answers = (await Call(t.Key, batch).WaitAsync(ct)).Value; }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // e.g. the grain could not activate because the event log is unreachable: nothing of this batch was stored
                answers = Enumerable.Repeat(Unavailable($"not stored ({ex.GetType().Name}): retry"), batch.Value.Length).ToArray();
            }
            for (var k = 0; k < answers.Length; k++) outcomes[t.Value[k]] = answers[k];
        }));
        return outcomes;
    }

    private static ApplyOutcome Unavailable(string why) => new(Ingest.IngestStatus.Failed, null, new Refusal("storage_unavailable", why));

    private Task<Immutable<ApplyOutcome[]>> Call(string target, Immutable<CountyEvent[]> batch) => target switch
    {
        Board => _refs.Board(map.County.Code).Apply(batch),
        Drills => _refs.County(map.County.Code).Apply(batch),
        _ when target.StartsWith(DepotPrefix, StringComparison.Ordinal) => _refs.Depot(target[DepotPrefix.Length..]).Apply(batch),
        _ => _refs.Grid(target).Apply(batch),
    };

    private const string Board = "#board";
    private const string Drills = "#drills";
    private const string DepotPrefix = "#depot:";

    /// <summary>The grid (or board, drills) an event goes to, or why it cannot go anywhere (the rules of <c>EntityLocator.Route</c>).</summary>
    private (string? Target, Refusal? Refusal) Route(CountyEvent e, Dictionary<string, (string? Grid, bool Open)> held, Dictionary<string, string> raisedHere)
    {
        if (e.Type is EventType.DrillStarted or EventType.DrillEnded) return (Drills, null);
        if (CommandBoard.Handles(e.Type)) return (Board, null);
        if (Supplies.DepotStock.Handles(e.Type))
            return map.Pois.Any(p => p.Id == e.DepotId && p.Kind == PoiKind.SupplyDepot) ? (DepotPrefix + e.DepotId, null)
                : (null, Refusal.About("unknown_depot", e.DepotId ?? "", $"depot {e.DepotId} is not a supply depot of the county"));
        var given = string.IsNullOrEmpty(e.GridCode) ? null : e.GridCode;
        var key = e.Type == EventType.CaseChanged ? $"case:{e.CaseId}" : $"alarm:{e.AlarmId}";
        string? holder = null;
        if (e.Type is EventType.AlarmAcknowledged or EventType.AlarmCleared || (e.Type == EventType.CaseChanged && e.CaseState != CaseState.Reported))
            holder = raisedHere.GetValueOrDefault(key) ?? (held.TryGetValue(key, out var h) ? h.Grid : null);
        var grid = holder ?? given;
        if (holder is not null && given is not null && holder != given && held.GetValueOrDefault(key).Open)
            return (null, new Refusal("wrong_grid", $"{Describe(e)} is in grid {holder}, not {given}"));
        if (grid is null)
            return (null, Refusal.About(e.Type == EventType.CaseChanged ? "unknown_case" : "unknown_alarm", (e.Type == EventType.CaseChanged ? e.CaseId : e.AlarmId) ?? "",
                $"{Describe(e)} is not open anywhere in the county"));
        if (map.Find(grid) is not { Level: AreaLevel.Grid }) return (null, new Refusal("unknown_grid", $"grid {grid} is not in the county"));
        if (e.Type == EventType.AlarmRaised || (e.Type == EventType.CaseChanged && e.CaseState == CaseState.Reported)) raisedHere[key] = grid;
        return (grid, null);
    }

    /// <summary>For every alarm and case id the submission names without being sure of its grid: who holds it, per the directories.</summary>
    private async Task<Dictionary<string, (string? Grid, bool Open)>> FindHoldersAsync(IReadOnlyList<CountyEvent> events)
    {
        var wanted = new Dictionary<string, List<(string Key, string Id)>>(StringComparer.Ordinal); // directory → ids
        foreach (var e in events)
        {
            if (e.Type is not (EventType.AlarmAcknowledged or EventType.AlarmCleared or EventType.CaseChanged)) continue;
            if (e.Type == EventType.CaseChanged && e.CaseState == CaseState.Reported) continue;
            var (key, id) = e.Type == EventType.CaseChanged ? ($"case:{e.CaseId}", e.CaseId!) : ($"alarm:{e.AlarmId}", e.AlarmId!);
            var dir = IdDirectory.KeyOf(e)!;
            if (!wanted.TryGetValue(dir, out var list)) wanted[dir] = list = [];
            if (!list.Exists(x => x.Key == key)) list.Add((key, id));
        }
        var held = new Dictionary<string, (string? Grid, bool Open)>(StringComparer.Ordinal);
        await Task.WhenAll(wanted.Select(async w =>
        {
            var found = (await _refs.Directory(w.Key).Find(w.Value.Select(x => x.Id).ToArray().AsImmutable())).Value;
            lock (held)
                for (var k = 0; k < found.Length; k++) held[w.Value[k].Key] = found[k];
        }));
        return held;
    }

    private static string Describe(CountyEvent e) => e.Type == EventType.CaseChanged ? $"case {e.CaseId}" : $"alarm {e.AlarmId}";
}
