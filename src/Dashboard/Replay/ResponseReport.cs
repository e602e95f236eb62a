using CommandCenter.Events;
using CommandCenter.Geography;

namespace CommandCenter.Replay;

/// <summary>
/// Response times from the events of a replay: per alarm (raised → acknowledged → cleared), per case
/// (reported → accepted → dispatched → handled → closed, against its deadline), and the same figures per
/// street. Drill activity is reported apart from real activity.
/// </summary>
public static class ResponseReport
{
    public sealed record AlarmRow(string Id, string Grid, string Street, int Severity, string Kind, DateTimeOffset Raised,
        DateTimeOffset? Acknowledged, string? AcknowledgedBy, DateTimeOffset? Cleared, bool Drill)
    {
        public double? AckSeconds => Acknowledged is { } a ? (a - Raised).TotalSeconds : null;
        public double? ClearSeconds => Cleared is { } c ? (c - Raised).TotalSeconds : null;
    }

    public sealed record CaseRow(string Id, string Grid, string Street, string Category, DateTimeOffset Reported,
        DateTimeOffset? Accepted, DateTimeOffset? Dispatched, DateTimeOffset? Handled, DateTimeOffset? Closed, string LastState, bool Drill);

    public sealed record StreetRow(string Street, string Name, int Alarms, int Acknowledged, double? MeanAckSeconds, double? MaxAckSeconds,
        int Cases, int Closed, double? MeanCloseHours);

    public sealed record Report(IReadOnlyList<AlarmRow> Alarms, IReadOnlyList<CaseRow> Cases, IReadOnlyList<StreetRow> Streets,
        IReadOnlyList<StreetRow> DrillStreets);

    public static Report Build(IReadOnlyList<CountyEvent> events, CountyMap map)
    {
        var alarms = new Dictionary<string, AlarmRow>();
        var cases = new Dictionary<string, CaseRow>();
        foreach (var e in events)
        {
            switch (e.Type)
            {
                case EventType.AlarmRaised:
                    alarms[e.AlarmId!] = new AlarmRow(e.AlarmId!, e.GridCode, StreetOf(map, e.GridCode), e.Severity ?? 4, e.AlarmKind ?? "", e.OccurredAt, null, null, null, e.IsDrill);
                    break;
                case EventType.AlarmAcknowledged when alarms.TryGetValue(e.AlarmId!, out var a):
                    alarms[a.Id] = a with { Acknowledged = e.OccurredAt, AcknowledgedBy = e.Actor ?? e.Source };
                    break;
                case EventType.AlarmCleared when alarms.TryGetValue(e.AlarmId!, out var a):
                    alarms[a.Id] = a with { Cleared = e.OccurredAt };
                    break;
                case EventType.CaseChanged when e.CaseState == CaseState.Reported:
                    cases[e.CaseId!] = new CaseRow(e.CaseId!, e.GridCode, StreetOf(map, e.GridCode), e.Category ?? "", e.OccurredAt, null, null, null, null, "reported", e.IsDrill);
                    break;
                case EventType.CaseChanged when cases.TryGetValue(e.CaseId!, out var c):
                    cases[c.Id] = e.CaseState switch
                    {
                        CaseState.Accepted => c with { Accepted = c.Accepted ?? e.OccurredAt },
                        CaseState.Dispatched => c with { Dispatched = c.Dispatched ?? e.OccurredAt },
                        CaseState.Handled => c with { Handled = c.Handled ?? e.OccurredAt },
                        CaseState.Closed => c with { Closed = e.OccurredAt },
                        _ => c,
                    } with { LastState = e.CaseState!.Value.ToWire() };
                    break;
            }
        }
        return new Report(alarms.Values.OrderBy(a => a.Raised).ToList(), cases.Values.OrderBy(c => c.Reported).ToList(),
            PerStreet(map, alarms.Values.Where(a => !a.Drill), cases.Values.Where(c => !c.Drill)),
            PerStreet(map, alarms.Values.Where(a => a.Drill), cases.Values.Where(c => c.Drill)));
    }

    private static List<StreetRow> PerStreet(CountyMap map, IEnumerable<AlarmRow> alarms, IEnumerable<CaseRow> cases)
    {
        var byStreetA = alarms.ToLookup(a => a.Street);
        var byStreetC = cases.ToLookup(c => c.Street);
        return map.Streets.Select(s =>
        {
            var a = byStreetA[s.Code].ToList();
            var acks = a.Where(x => x.AckSeconds is not null).Select(x => x.AckSeconds!.Value).ToList();
            var c = byStreetC[s.Code].ToList();
            var closes = c.Where(x => x.Closed is not null).Select(x => (x.Closed!.Value - x.Reported).TotalHours).ToList();
            return new StreetRow(s.Code, s.Name, a.Count, acks.Count, acks.Count == 0 ? null : Math.Round(acks.Average(), 1),
                acks.Count == 0 ? null : Math.Round(acks.Max(), 1), c.Count, closes.Count, closes.Count == 0 ? null : Math.Round(closes.Average(), 2));
        }).ToList();
    }

    private static string StreetOf(CountyMap map, string grid) =>
        map.Find(grid) is { Level: AreaLevel.Grid } ? map.StreetOf(grid).Code : map.County.Code;
}
