using CommandCenter.Events;

namespace CommandCenter.Model;

/// <summary>
/// Which grid holds each open alarm and case, and where each worker last checked in, so that an
/// acknowledgement or a case move can name just its alarm or case id.
/// </summary>
internal sealed class EntityLocator
{
    private readonly Dictionary<string, string> _alarms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _cases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _workers = new(StringComparer.Ordinal);

    public EntityLocator Clone()
    {
        var c = new EntityLocator();
        foreach (var (k, v) in _alarms) c._alarms[k] = v;
        foreach (var (k, v) in _cases) c._cases[k] = v;
        foreach (var (k, v) in _workers) c._workers[k] = v;
        return c;
    }

    internal LocatorSnapshot ToState() => new(new(_alarms), new(_cases), new(_workers));

    internal static EntityLocator FromState(LocatorSnapshot s)
    {
        var c = new EntityLocator();
        foreach (var (k, v) in s.Alarms) c._alarms[k] = v;
        foreach (var (k, v) in s.Cases) c._cases[k] = v;
        foreach (var (k, v) in s.Workers) c._workers[k] = v;
        return c;
    }

    /// <summary>A grid's state was replaced by its grain's (the screens' copy): its alarms, cases and workers now point here.</summary>
    public void Replace(GridState? old, GridState fresh)
    {
        if (old is not null)
        {
            foreach (var a in old.Alarms) if (_alarms.GetValueOrDefault(a.Id) == old.Code) _alarms.Remove(a.Id);
            foreach (var c in old.Cases) if (_cases.GetValueOrDefault(c.Id) == old.Code) _cases.Remove(c.Id);
            foreach (var w in old.Workers) if (_workers.GetValueOrDefault(w.WorkerId) == old.Code) _workers.Remove(w.WorkerId);
        }
        foreach (var a in fresh.Alarms) _alarms[a.Id] = fresh.Code;
        foreach (var c in fresh.Cases) _cases[c.Id] = fresh.Code;
        foreach (var w in fresh.Workers) _workers[w.WorkerId] = fresh.Code;
    }

    public string? GridOfAlarm(string id) => _alarms.GetValueOrDefault(id);
    public string? GridOfCase(string id) => _cases.GetValueOrDefault(id);
    public string? GridOfWorker(string id) => _workers.GetValueOrDefault(id);

    public (string? GridCode, Refusal? Refusal) Route(CountyEvent e)
    {
        var given = string.IsNullOrEmpty(e.GridCode) ? null : e.GridCode;
        string? held = e.Type switch
        {
            EventType.AlarmAcknowledged or EventType.AlarmCleared => GridOfAlarm(e.AlarmId!),
            EventType.CaseChanged when e.CaseState != CaseState.Reported => GridOfCase(e.CaseId!),
            _ => null,
        };
        if (e.Type == EventType.AlarmRaised && GridOfAlarm(e.AlarmId!) is { } open)
            return (null, new Refusal("alarm_exists", $"alarm {e.AlarmId} is already open in grid {open}"));
        if (e.Type == EventType.CaseChanged && e.CaseState == CaseState.Reported && GridOfCase(e.CaseId!) is { } existing)
            return (null, new Refusal("case_exists", $"case {e.CaseId} is already open in grid {existing}"));
        if (held is not null && given is not null && held != given)
            return (null, new Refusal("wrong_grid", $"{Describe(e)} is in grid {held}, not {given}"));
        var grid = held ?? given;
        if (grid is null)
            return (null, Refusal.About(e.Type == EventType.CaseChanged ? "unknown_case" : "unknown_alarm", (e.Type == EventType.CaseChanged ? e.CaseId : e.AlarmId) ?? "",
                $"{Describe(e)} is not open anywhere in the county"));
        return (grid, null);
    }

    /// <summary>Records an accepted event; returns the grid a worker left, if the check-in moved them.</summary>
    public string? Accepted(CountyEvent e, string grid)
    {
        switch (e.Type)
        {
            case EventType.AlarmRaised: _alarms[e.AlarmId!] = grid; break;
            case EventType.AlarmCleared: _alarms.Remove(e.AlarmId!); break;
            case EventType.CaseChanged when e.CaseState == CaseState.Reported: _cases[e.CaseId!] = grid; break;
            case EventType.CaseChanged when CaseTransitions.IsTerminal(e.CaseState!.Value): _cases.Remove(e.CaseId!); break;
            case EventType.PatrolCheckIn when !e.IsDrill:
                var previous = _workers.GetValueOrDefault(e.WorkerId!);
                _workers[e.WorkerId!] = grid;
                return previous is not null && previous != grid ? previous : null;
        }
        return null;
    }

    private static string Describe(CountyEvent e) => e.Type == EventType.CaseChanged ? $"case {e.CaseId}" : $"alarm {e.AlarmId}";
}
