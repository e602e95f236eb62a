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

    public sealed record OrderRow(string Id, string Incident, string Unit, string Kind, DateTimeOffset Ordered, DateTimeOffset? Acknowledged,
        DateTimeOffset? OnScene, DateTimeOffset? Finished, string LastState)
    {
        public double? OnSceneMinutes => OnScene is { } o ? Math.Round((o - Ordered).TotalMinutes, 1) : null;
    }

    /// <summary>
    /// An incident's response: opened → first dispatch → first unit on scene → closed; the supplies (应急物资) ordered for it
    /// (not cancelled) and delivered, per item.
    /// </summary>
    public sealed record IncidentRow(string Id, string Title, int Level, DateTimeOffset Opened, DateTimeOffset? FirstDispatch,
        DateTimeOffset? FirstOnScene, DateTimeOffset? Closed, int Orders, bool Drill,
        IReadOnlyDictionary<string, int>? SuppliesOrdered = null, IReadOnlyDictionary<string, int>? SuppliesDelivered = null)
    {
        public double? DispatchMinutes => FirstDispatch is { } d ? Math.Round((d - Opened).TotalMinutes, 1) : null;
        public double? OnSceneMinutes => FirstOnScene is { } o ? Math.Round((o - Opened).TotalMinutes, 1) : null;
        public double? CloseMinutes => Closed is { } c ? Math.Round((c - Opened).TotalMinutes, 1) : null;
    }

    /// <summary>A department summoned by a whistle: when it answered and arrived, against the deadline.</summary>
    public sealed record ReportInRow(string Whistle, string Street, string Department, DateTimeOffset Blown, DateTimeOffset Deadline,
        DateTimeOffset? Acknowledged, DateTimeOffset? Arrived, bool Late);

    public sealed record Report(IReadOnlyList<AlarmRow> Alarms, IReadOnlyList<CaseRow> Cases, IReadOnlyList<StreetRow> Streets,
        IReadOnlyList<StreetRow> DrillStreets, IReadOnlyList<IncidentRow> Incidents, IReadOnlyList<OrderRow> Orders, IReadOnlyList<ReportInRow> ReportIns,
        IReadOnlyList<PlanStepRows.Row> PlanSteps);

    /// <param name="asOf">the end of the replayed range: a department not arrived by then is late if the deadline has passed.</param>
    public static Report Build(IReadOnlyList<CountyEvent> events, CountyMap map, DateTimeOffset asOf)
    {
        var alarms = new Dictionary<string, AlarmRow>();
        var cases = new Dictionary<string, CaseRow>();
        var incidents = new Dictionary<string, IncidentRow>();
        var orders = new Dictionary<string, OrderRow>();
        var reportIns = new Dictionary<(string, string), ReportInRow>();
        var whistles = new Dictionary<string, CountyEvent>();
        var supplies = new Dictionary<string, CountyEvent>(); // supply order → its ordered event
        foreach (var e in events)
        {
            switch (e.Type)
            {
                case EventType.SupplyOrderChanged when e.OrderState == OrderState.Ordered && incidents.TryGetValue(e.IncidentId ?? "", out var si):
                    supplies[e.OrderId!] = e;
                    incidents[si.Id] = si with { SuppliesOrdered = Add(si.SuppliesOrdered, e.Item!, e.Quantity ?? 0) };
                    break;
                case EventType.SupplyOrderChanged when e.OrderState is OrderState.Done or OrderState.Cancelled && supplies.TryGetValue(e.OrderId!, out var so)
                                                       && incidents.TryGetValue(so.IncidentId!, out var sd):
                    incidents[sd.Id] = e.OrderState == OrderState.Done
                        ? sd with { SuppliesDelivered = Add(sd.SuppliesDelivered, so.Item!, so.Quantity ?? 0) }
                        : sd with { SuppliesOrdered = Add(sd.SuppliesOrdered, so.Item!, -(so.Quantity ?? 0)) };
                    break;
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
                case EventType.IncidentOpened:
                    incidents[e.IncidentId!] = new IncidentRow(e.IncidentId!, e.Title ?? "", e.Severity ?? 4, e.OccurredAt, null, null, null, 0, e.IsDrill);
                    break;
                case EventType.IncidentClosed when incidents.TryGetValue(e.IncidentId!, out var i):
                    incidents[i.Id] = i with { Closed = e.OccurredAt };
                    break;
                case EventType.OrderChanged when e.OrderState == OrderState.Ordered:
                    orders[e.OrderId!] = new OrderRow(e.OrderId!, e.IncidentId!, e.UnitId!, e.UnitKind!, e.OccurredAt, null, null, null, "ordered");
                    if (incidents.TryGetValue(e.IncidentId!, out var inc))
                        incidents[inc.Id] = inc with { FirstDispatch = inc.FirstDispatch ?? e.OccurredAt, Orders = inc.Orders + 1 };
                    break;
                case EventType.OrderChanged when orders.TryGetValue(e.OrderId!, out var o):
                    o = o with
                    {
                        LastState = e.OrderState!.Value.ToWire(),
                        Acknowledged = e.OrderState == OrderState.Acknowledged ? e.OccurredAt : o.Acknowledged,
                        OnScene = e.OrderState == OrderState.OnScene ? e.OccurredAt : o.OnScene,
                        Finished = e.OrderState is OrderState.Done or OrderState.Cancelled ? e.OccurredAt : o.Finished,
                    };
                    orders[o.Id] = o;
                    if (e.OrderState == OrderState.OnScene && incidents.TryGetValue(o.Incident, out var on))
                        incidents[on.Id] = on with { FirstOnScene = on.FirstOnScene ?? e.OccurredAt };
                    break;
                case EventType.WhistleBlown:
                    whistles[e.WhistleId!] = e;
                    foreach (var d in e.Departments ?? [])
                        reportIns[(e.WhistleId!, d)] = new ReportInRow(e.WhistleId!, e.Streets?.FirstOrDefault() ?? "", d, e.OccurredAt,
                            e.DeadlineAt ?? e.OccurredAt.AddMinutes(30), null, null, false);
                    break;
                case EventType.ReportIn when reportIns.TryGetValue((e.WhistleId!, e.Department!), out var r):
                    reportIns[(r.Whistle, r.Department)] = e.OrderState == OrderState.OnScene
                        ? r with { Arrived = e.OccurredAt, Acknowledged = r.Acknowledged ?? e.OccurredAt }
                        : r with { Acknowledged = e.OccurredAt };
                    break;
            }
        }
        return new Report(alarms.Values.OrderBy(a => a.Raised).ToList(), cases.Values.OrderBy(c => c.Reported).ToList(),
            PerStreet(map, alarms.Values.Where(a => !a.Drill), cases.Values.Where(c => !c.Drill)),
            PerStreet(map, alarms.Values.Where(a => a.Drill), cases.Values.Where(c => c.Drill)),
            incidents.Values.OrderBy(i => i.Opened).ToList(), orders.Values.OrderBy(o => o.Ordered).ToList(),
            reportIns.Values.Select(r => r with { Late = r.Arrived is { } a ? a > r.Deadline : asOf > r.Deadline })
                .OrderBy(r => r.Blown).ThenBy(r => r.Department).ToList(),
            PlanStepRows.Build(events, asOf));
    }

    private static Dictionary<string, int> Add(IReadOnlyDictionary<string, int>? had, string item, int quantity)
    {
        var d = had is null ? new Dictionary<string, int>(StringComparer.Ordinal) : new Dictionary<string, int>(had, StringComparer.Ordinal);
        d[item] = d.GetValueOrDefault(item) + quantity;
        if (d[item] == 0) d.Remove(item);
        return d;
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
