using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Live;

namespace CommandCenter.Dispatch;

/// <summary>
/// 处置结束 — closing an incident. While orders are still open (not done or cancelled) or summoned departments never
/// arrived, the close is refused (409 <c>open_orders</c>, listing them) unless the request says what to do with the open
/// orders: <c>openOrders: "cancel"</c> (each is cancelled, as its own event, just before the close) or <c>"keep"</c> (they
/// stay open deliberately: units busy, states can still move). The choice is stored on the close event and shown on
/// the timeline. See docs/decisions.md "Closing an incident with open orders".
/// </summary>
public static class CloseIncident
{
    public sealed record Request(string? RequestId, string? Note, string? OpenOrders);
    public sealed record OpenOrder(string Id, string UnitId, string UnitName, string UnitKind, string State);
    public sealed record AbsentDepartment(string WhistleId, string Department, bool Acknowledged);
    public sealed record Pending(IReadOnlyList<OpenOrder> Orders, IReadOnlyList<AbsentDepartment> Departments)
    {
        public bool Any => Orders.Count > 0 || Departments.Count > 0;
    }

    /// <summary>What is still open on an open incident (read on the silo's loop); null when the incident is not open.</summary>
    public static Pending? PendingOf(CountyModel m, string incidentId, UnitCatalogue units)
    {
        if (m.Board.Open.FirstOrDefault(i => i.Id == incidentId) is not { } incident) return null;
        var orders = incident.Orders.Values.Where(o => !OrderTransitions.IsTerminal(o.State)).OrderBy(o => o.OrderedAt)
            .Select(o => new OpenOrder(o.Id, o.UnitId, units.NameOf(m, o.UnitId), o.UnitKind, o.State.ToWire())).ToList();
        var absent = m.Board.Whistles.Where(w => w.IncidentId == incidentId).OrderBy(w => w.BlownAt)
            .SelectMany(w => w.Departments.Select(d => (w, d, r: w.ReportIns.TryGetValue(d, out var r) ? r : default)))
            .Where(x => x.r.Arrived is null)
            .Select(x => new AbsentDepartment(x.w.Id, x.d, x.r.Acknowledged is not null)).ToList();
        return new Pending(orders, absent);
    }

    public static async Task<IResult> HandleAsync(string id, Request body, HttpContext http, ConsoleAction action, ILiveCounty silo, UnitCatalogue units,
        ConsoleText text)
    {
        if (ConsoleAction.RequestId(body.RequestId) is not { } rid) return action.BadRequestId();
        if (body.OpenOrders is not null && !OpenOrderChoice.IsValid(body.OpenOrders))
            return text.Invalid("openOrders", "invalid_open_orders", $"openOrders must be \"{OpenOrderChoice.Cancel}\" or \"{OpenOrderChoice.Keep}\"");
        var pending = await silo.ReadAsync(m => PendingOf(m, id, units), http.RequestAborted);
        if (pending is { Any: true } && body.OpenOrders is null)
            return await action.RefuseAsync(http, "close_incident", id, "open_orders",
                $"incident {id} has {pending.Orders.Count} open orders and {pending.Departments.Count} departments that have not reported in: say openOrders \"cancel\" or \"keep\"",
                new Dictionary<string, string> { ["orders"] = pending.Orders.Count.ToString(), ["departments"] = pending.Departments.Count.ToString() },
                new { orders = pending.Orders, departments = pending.Departments });
        var events = new List<CountyEvent>();
        if (body.OpenOrders == OpenOrderChoice.Cancel)
            foreach (var o in pending?.Orders ?? [])
                events.Add(action.New(http, rid, events.Count, EventType.OrderChanged) with { OrderId = o.Id, OrderState = OrderState.Cancelled });
        events.Add(action.New(http, rid, events.Count, EventType.IncidentClosed) with
        {
            IncidentId = id, Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(),
            OpenOrders = pending is { Any: true } ? body.OpenOrders : null,
        });
        // an order somebody finished or cancelled meanwhile does not stop the close
        return await action.RunAsync(http, "close_incident", id, rid, events, new { openOrders = pending is { Any: true } ? body.OpenOrders : null },
            tolerated: (e, r) => e.Type == EventType.OrderChanged && r.Code is "illegal_transition" or "unknown_order");
    }
}
