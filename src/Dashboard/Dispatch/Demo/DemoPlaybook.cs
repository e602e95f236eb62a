using CommandCenter.Command;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Model;
using CommandCenter.Plans;
using CommandCenter.Wall;

namespace CommandCenter.Dispatch.Demo;

/// <summary>
/// What the demo county's coordinator (演示调度员) does next, read from the county as it is: open an incident for a
/// serious warning in a street that has none and activate its plan; work through the plan's steps — most in time, a
/// shelter step late (so the wall shows an overdue step escalate); order supplies from the nearest depots with stock; move
/// the orders and supply trucks on; close the incident after a while.
/// Pure: the events to send, from the county, the plans and the time.
/// </summary>
public sealed class DemoPlaybook(CountyMap map, UnitCatalogue units, GrainOptions grains)
{
    public const string Actor = "演示调度员-陈";
    public const int MaxOpen = 2;
    /// <summary>A warning's sensor kind as the incident title names it (the plans for it: IncidentPlans.AlarmKindOfSensor).</summary>
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["water_level"] = "河道水位", ["rainfall"] = "降雨", ["gas"] = "燃气浓度", ["hydrant_pressure"] = "消防栓水压",
    };

    /// <param name="next">makes the next event of the given type (id, time, source and actor filled in)</param>
    public List<CountyEvent> Next(CountyModel m, IPlanLibrary plans, DateTimeOffset now, Func<EventType, CountyEvent> next)
    {
        var events = new List<CountyEvent>();
        var mine = m.Board.Open.Where(i => i.OpenedBy == Actor).ToList();
        if (mine.Count < MaxOpen && Open(m, plans, now, next) is { } opened) events.AddRange(opened);
        foreach (var i in mine)
        {
            if (now - i.OpenedAt > TimeSpan.FromMinutes(150) || (now - i.OpenedAt > TimeSpan.FromMinutes(60) && i.Plans.All(p => p.Steps.All(s => s.IsDone))))
            {
                events.AddRange(Close(i, next));
                continue;
            }
            events.AddRange(MoveOrders(i, now, next));
            events.AddRange(MoveSupplies(i, now, next));
            foreach (var p in i.Plans)
                foreach (var s in p.Steps.Where(s => !s.IsDone && now >= p.ActivatedAt + Delay(s.Step)))
                    events.AddRange(Work(m, i, p, s.Step, now, next));
        }
        return events;
    }

    /// <summary>When the demo coordinator gets to a step: halfway through its window; a shelter step a third past it.</summary>
    private static TimeSpan Delay(PlanStep s) => TimeSpan.FromMinutes(s.WithinMinutes * (s.Action == PlanActions.Shelter ? 1.3 : 0.5));

    private List<CountyEvent>? Open(CountyModel m, IPlanLibrary plans, DateTimeOffset now, Func<EventType, CountyEvent> next)
    {
        var busyStreets = m.Board.Open.Where(i => i.GridCode is { Length: > 0 }).Select(i => map.StreetOf(i.GridCode!).Code).ToHashSet();
        var warning = WallState.Warnings(m, now)
            .Where(w => w.Level <= 3 && w.Cause != "silent" && IncidentPlans.AlarmKindOfSensor.ContainsKey(w.Kind) && !busyStreets.Contains(map.StreetOf(w.Grid).Code))
            .OrderBy(w => w.Level).ThenBy(w => w.Since).FirstOrDefault();
        if (warning is null) return null;
        var (name, alarmKind) = (Names.GetValueOrDefault(warning.Kind, warning.Kind), IncidentPlans.AlarmKindOfSensor[warning.Kind]);
        var opened = next(EventType.IncidentOpened) with
        {
            Title = $"{name}预警 · {map.StreetOf(warning.Grid).Name}", Severity = warning.Level, GridCode = warning.Grid,
            Commander = "指挥长-周", Streets = [map.StreetOf(warning.Grid).Code],
        };
        opened = opened with { IncidentId = $"INC-{opened.Id}" };
        var events = new List<CountyEvent> { opened };
        if (plans.Matching([alarmKind], warning.Level).FirstOrDefault() is { } plan)
            events.Add(next(EventType.PlanActivated) with
            {
                IncidentId = opened.IncidentId, PlanId = plan.Id, PlanVersion = plan.Version, Title = plan.Name, PlanSteps = plan.Steps,
            });
        return events;
    }

    private IEnumerable<CountyEvent> Work(CountyModel m, IncidentRecord i, ActivePlan p, PlanStep step, DateTimeOffset now, Func<EventType, CountyEvent> next)
    {
        switch (step.Action)
        {
            case PlanActions.Dispatch:
                var at = i.GridCode is { Length: > 0 } g && map.Find(g) is { } area ? area.LabelPoint : map.County.LabelPoint;
                var have = i.Orders.Values.Count(o => o.UnitKind == step.UnitKind && o.State != OrderState.Cancelled);
                var free = units.Nearest(m, at, now, grains.OnDutyWindow, 400)
                    .Where(u => u.Kind == step.UnitKind && u.BusyOn is null).Take(Math.Max(0, (step.Count ?? 1) - have)).ToList();
                if (free.Count == 0) return [Done(i, p, step, next, "演示：无空闲力量，已协调外部支援")];
                return free.Select(u =>
                {
                    var e = next(EventType.OrderChanged);
                    return e with { IncidentId = i.Id, OrderId = $"ORD-{e.Id}", UnitId = u.Id, UnitKind = u.Kind, OrderState = OrderState.Ordered };
                });
            case PlanActions.Supplies when step.Item is { } item && !i.Supplies.Values.Any(o => o.Item == item && o.State != OrderState.Cancelled):
                return OrderSupplies(m, i, p, step, item, next);
            case PlanActions.Supplies:
                return []; // ordered: the step is done when they are delivered
            case PlanActions.Notify when !string.IsNullOrEmpty(step.Department) && i.Streets.Count > 0:
                var w = next(EventType.WhistleBlown);
                return [w with { WhistleId = $"WSL-{w.Id}", IncidentId = i.Id, Streets = [i.Streets[0]], Departments = [step.Department!], DeadlineAt = now.AddMinutes(30) }];
            default:
                return [Done(i, p, step, next, "演示：已落实")];
        }
    }

    /// <summary>调拨物资: from the nearest depots with stock, nearest first, until the quantity is covered (at most three depots).</summary>
    private IEnumerable<CountyEvent> OrderSupplies(CountyModel m, IncidentRecord i, ActivePlan p, PlanStep step, string item, Func<EventType, CountyEvent> next)
    {
        var at = i.GridCode is { Length: > 0 } g && map.Find(g) is { } area ? area.LabelPoint : map.County.LabelPoint;
        var wanted = step.Quantity ?? 1;
        var orders = new List<CountyEvent>();
        foreach (var depot in SupplyView.Nearest(m, map, at, item, 1, 15))
        {
            if (wanted <= 0 || orders.Count == 3) break;
            var take = Math.Min(wanted, depot.Available ?? 0);
            if (take <= 0) continue;
            var e = next(EventType.SupplyOrderChanged);
            orders.Add(e with
            {
                OrderId = $"SUP-{e.Id}", IncidentId = i.Id, DepotId = depot.Id, Item = item, Quantity = take, OrderState = OrderState.Ordered,
                GridCode = map.Pois.First(x => x.Id == depot.Id).GridCode,
            });
            wanted -= take;
        }
        return orders.Count > 0 ? orders : [Done(i, p, step, next, "演示：各储备点库存不足，已申请上级调拨")];
    }

    /// <summary>A supply truck sets off within two minutes and delivers within a quarter of an hour.</summary>
    private IEnumerable<CountyEvent> MoveSupplies(IncidentRecord i, DateTimeOffset now, Func<EventType, CountyEvent> next)
    {
        foreach (var o in i.Supplies.Values.Where(o => o.State is OrderState.Ordered or OrderState.EnRoute))
        {
            OrderState? to = o.State == OrderState.Ordered && now - o.OrderedAt > TimeSpan.FromMinutes(2) ? OrderState.EnRoute
                : o.State == OrderState.EnRoute && now - o.OrderedAt > TimeSpan.FromMinutes(15) ? OrderState.Done : null;
            if (to is { } state)
                yield return next(EventType.SupplyOrderChanged) with
                {
                    OrderId = o.Id, IncidentId = i.Id, DepotId = o.DepotId, Item = o.Item, Quantity = o.Quantity, OrderState = state,
                    GridCode = map.Pois.FirstOrDefault(x => x.Id == o.DepotId)?.GridCode ?? "",
                };
        }
    }

    private static CountyEvent Done(IncidentRecord i, ActivePlan p, PlanStep step, Func<EventType, CountyEvent> next, string note) =>
        next(EventType.PlanStepDone) with { IncidentId = i.Id, PlanId = p.PlanId, StepId = step.Id, Note = note };

    /// <summary>Units answer within a minute, set off within two, arrive within ten.</summary>
    private static IEnumerable<CountyEvent> MoveOrders(IncidentRecord i, DateTimeOffset now, Func<EventType, CountyEvent> next)
    {
        foreach (var o in i.Orders.Values.Where(o => !OrderTransitions.IsTerminal(o.State)))
        {
            OrderState? to = o.State switch
            {
                OrderState.Ordered when now - o.OrderedAt > TimeSpan.FromMinutes(1) => OrderState.Acknowledged,
                OrderState.Acknowledged when now - o.OrderedAt > TimeSpan.FromMinutes(2) => OrderState.EnRoute,
                OrderState.EnRoute when now - o.OrderedAt > TimeSpan.FromMinutes(9) => OrderState.OnScene,
                _ => null,
            };
            if (to is { } state) yield return next(EventType.OrderChanged) with { OrderId = o.Id, OrderState = state };
        }
    }

    private IEnumerable<CountyEvent> Close(IncidentRecord i, Func<EventType, CountyEvent> next)
    {
        // supplies not yet delivered are called off, so the depots release what they held for the incident
        foreach (var o in i.Supplies.Values.Where(o => o.State is OrderState.Ordered or OrderState.EnRoute))
            yield return next(EventType.SupplyOrderChanged) with
            {
                OrderId = o.Id, IncidentId = i.Id, DepotId = o.DepotId, Item = o.Item, Quantity = o.Quantity, OrderState = OrderState.Cancelled,
                GridCode = map.Pois.FirstOrDefault(x => x.Id == o.DepotId)?.GridCode ?? "",
            };
        foreach (var o in i.Orders.Values.Where(o => !OrderTransitions.IsTerminal(o.State)))
            yield return next(EventType.OrderChanged) with
            {
                OrderId = o.Id, OrderState = OrderTransitions.IsLegal(o.State, OrderState.Done) ? OrderState.Done : OrderState.Cancelled,
            };
        yield return next(EventType.IncidentClosed) with { IncidentId = i.Id, Note = "演示：险情解除，处置结束" };
    }
}
