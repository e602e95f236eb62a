using CommandCenter.Events;
using CommandCenter.Ingest;
using CommandCenter.Supplies;
using static CommandCenter.Silo.Tests.TestCounty;

namespace CommandCenter.Silo.Tests.Supplies;

/// <summary>应急物资: a depot's stock under counts, restocks, minimums, supply orders (reserve, deliver, cancel) and returns.</summary>
public sealed class DepotStockTests
{
    private static CountyEvent Stock(string change, string item, int qty, string depot = Depot1, string? order = null) =>
        Event(EventType.StockChanged, "", T0) with { DepotId = depot, Item = item, Quantity = qty, StockChange = change, OrderId = order };

    private static CountyEvent Supply(string order, OrderState state, string item = "pumps", int qty = 10, string depot = Depot1, string incident = "i1") =>
        Event(EventType.SupplyOrderChanged, "", T0.AddMinutes(1)) with
            { DepotId = depot, Item = item, Quantity = qty, OrderId = order, IncidentId = incident, OrderState = state, Actor = "调度员-王" };

    private static DepotStock Depot(params CountyEvent[] events)
    {
        var d = new DepotStock(Depot1);
        foreach (var e in events) Assert.Null(d.Apply(e));
        return d;
    }

    [Fact]
    public void A_count_sets_on_hand_a_restock_adds_and_a_minimum_is_kept()
    {
        var d = Depot(Stock("counted", "sandbags", 3000), Stock("restocked", "sandbags", 500), Stock("minimum", "sandbags", 2000));
        Assert.Equal(new ItemStock("sandbags", 3500, 0, 2000), d.Stock("sandbags"));
        Assert.Null(d.Apply(Stock("counted", "sandbags", 1200)));
        Assert.Equal(1200, d.Stock("sandbags").OnHand);
        Assert.True(d.Stock("sandbags").BelowMinimum);
    }

    [Fact]
    public void An_order_reserves_delivery_takes_off_the_shelf_and_a_cancel_releases()
    {
        var d = Depot(Stock("counted", "pumps", 12));
        Assert.Null(d.Apply(Supply("s1", OrderState.Ordered, qty: 5)));
        Assert.Equal(new ItemStock("pumps", 12, 5, 0), d.Stock("pumps"));
        Assert.Equal(7, d.Stock("pumps").Available);
        Assert.Null(d.Apply(Supply("s1", OrderState.EnRoute)));
        Assert.Null(d.Apply(Supply("s1", OrderState.Done)));
        Assert.Equal(new ItemStock("pumps", 7, 0, 0), d.Stock("pumps"));
        Assert.Equal(T0.AddMinutes(1), d.FindOrder("s1")!.DeliveredAt);

        Assert.Null(d.Apply(Supply("s2", OrderState.Ordered, qty: 4)));
        Assert.Null(d.Apply(Supply("s2", OrderState.Cancelled)));
        Assert.Equal(new ItemStock("pumps", 7, 0, 0), d.Stock("pumps"));
    }

    [Fact]
    public void An_order_for_more_than_is_available_is_refused_with_what_is_left()
    {
        var d = Depot(Stock("counted", "pumps", 10), Supply("s1", OrderState.Ordered, qty: 6));
        var refusal = d.Apply(Supply("s2", OrderState.Ordered, qty: 6))!;
        Assert.Equal("insufficient_stock", refusal.Code);
        Assert.Equal("4", refusal.Args!["available"]);
        Assert.Equal("pumps", refusal.Args["item"]);
        Assert.Equal("6", refusal.Args["requested"]);
        Assert.Equal($"depot {Depot1} has 4 pumps available, not 6", refusal.Message);
        Assert.Null(d.FindOrder("s2"));
        Assert.Equal(6, d.Stock("pumps").Reserved); // nothing changed
        Assert.Null(d.Apply(Supply("s3", OrderState.Ordered, qty: 4))); // exactly what is left
        Assert.Equal(0, d.Stock("pumps").Available);
    }

    [Fact]
    public void Supply_orders_move_ordered_en_route_delivered_only_and_an_illegal_move_names_the_legal_ones()
    {
        var d = Depot(Stock("counted", "tents", 40), Supply("s1", OrderState.Ordered, "tents", 10));
        var skip = d.Apply(Supply("s1", OrderState.Done, "tents", 10))!;
        Assert.Equal("illegal_transition", skip.Code);
        Assert.Equal("en_route,cancelled", skip.Args!["legal"]);
        Assert.Equal("illegal_transition", d.Apply(Supply("s1", OrderState.Acknowledged, "tents", 10))!.Code);
        Assert.Equal("order_exists", d.Apply(Supply("s1", OrderState.Ordered, "tents", 10))!.Code);
        Assert.Equal("unknown_order", d.Apply(Supply("nope", OrderState.EnRoute, "tents", 10))!.Code);
        Assert.Null(d.Apply(Supply("s1", OrderState.Cancelled, "tents", 10)));
        Assert.Equal("illegal_transition", d.Apply(Supply("s1", OrderState.EnRoute, "tents", 10))!.Code); // cancelled is final
    }

    [Fact]
    public void A_return_restocks_at_most_what_was_delivered()
    {
        var d = Depot(Stock("counted", "pumps", 10), Supply("s1", OrderState.Ordered, qty: 6), Supply("s1", OrderState.EnRoute, qty: 6),
            Supply("s1", OrderState.Done, qty: 6));
        Assert.Equal(4, d.Stock("pumps").OnHand);
        Assert.Null(d.Apply(Stock("returned", "pumps", 4, order: "s1")));
        Assert.Equal(8, d.Stock("pumps").OnHand);
        var tooMany = d.Apply(Stock("returned", "pumps", 3, order: "s1"))!;
        Assert.Equal("too_many_returned", tooMany.Code);
        Assert.Equal("2", tooMany.Args!["left"]);
        Assert.Equal("wrong_item", d.Apply(Stock("returned", "tents", 1, order: "s1"))!.Code);
        Assert.Equal("unknown_order", d.Apply(Stock("returned", "pumps", 1, order: "nope"))!.Code);
    }

    [Fact]
    public void A_return_needs_a_delivered_order()
    {
        var d = Depot(Stock("counted", "pumps", 10), Supply("s1", OrderState.Ordered, qty: 6));
        Assert.Equal("unknown_order", d.Apply(Stock("returned", "pumps", 1, order: "s1"))!.Code);
    }

    [Fact]
    public void The_shelf_never_goes_below_zero_even_when_a_count_found_less_than_was_reserved()
    {
        var d = Depot(Stock("counted", "generators", 5), Supply("s1", OrderState.Ordered, "generators", 5), Stock("counted", "generators", 3));
        Assert.Equal(0, d.Stock("generators").Available);
        Assert.Equal("insufficient_stock", d.Apply(Supply("s2", OrderState.Ordered, "generators", 1))!.Code);
        Assert.Null(d.Apply(Supply("s1", OrderState.EnRoute, "generators", 5)));
        Assert.Null(d.Apply(Supply("s1", OrderState.Done, "generators", 5)));
        Assert.Equal(new ItemStock("generators", 0, 0, 0), d.Stock("generators"));
    }

    [Fact]
    public void Unknown_items_changes_and_bad_quantities_are_refused()
    {
        var d = Depot();
        Assert.Equal("unknown_item", d.Apply(Stock("counted", "rockets", 1))!.Code);
        Assert.Equal("unknown_change", d.Apply(Stock("stolen", "pumps", 1))!.Code);
        Assert.Equal("bad_quantity", d.Apply(Stock("counted", "pumps", -1))!.Code);
        Assert.Equal("bad_quantity", d.Apply(Stock("restocked", "pumps", 0))!.Code);
        Assert.Equal("bad_quantity", d.Apply(Supply("s1", OrderState.Ordered, qty: 0))!.Code);
        Assert.Equal("wrong_depot", d.Apply(Stock("counted", "pumps", 1, depot: Depot2))!.Code);
    }

    [Fact]
    public void A_depot_rebuilt_from_its_state_is_the_same_depot()
    {
        var d = Depot(Stock("counted", "pumps", 10), Stock("minimum", "pumps", 4), Supply("s1", OrderState.Ordered, qty: 3),
            Supply("s2", OrderState.Ordered, qty: 2), Supply("s2", OrderState.Cancelled, qty: 2));
        var copy = DepotStock.FromState(d.ToState());
        Assert.Equivalent(d.ToState(), copy.ToState(), strict: true);
        Assert.Equal("insufficient_stock", copy.Apply(Supply("s3", OrderState.Ordered, qty: 8))!.Code);
    }

    [Fact]
    public void The_county_model_applies_depot_events_totals_items_and_the_incident_timeline_shows_supply_orders()
    {
        var m = NewModel();
        m.Feed(Event(EventType.IncidentOpened, "", T0) with { IncidentId = "i1", Title = "内涝", Severity = 3, Actor = "调度员-王" });
        m.Feed(Stock("counted", "pumps", 6));
        m.Feed(Stock("counted", "pumps", 4, depot: Depot2));
        m.Feed(Stock("minimum", "pumps", 3, depot: Depot2));
        Assert.Equal("unknown_depot", m.Feed(Stock("counted", "pumps", 1, depot: "poi-depot-99")).Refusal!.Code);
        Assert.Equal(IngestStatus.Accepted, m.Feed(Supply("s1", OrderState.Ordered, qty: 2, depot: Depot2)).Status);
        var refused = m.Feed(Supply("s2", OrderState.Ordered, qty: 3, depot: Depot2));
        Assert.Equal(("insufficient_stock", "2"), (refused.Refusal!.Code, refused.Refusal.Args!["available"]));
        m.Feed(Supply("s1", OrderState.EnRoute, qty: 2, depot: Depot2));
        m.Feed(Supply("s1", OrderState.Done, qty: 2, depot: Depot2));

        var pumps = m.Supplies.Totals().Single(t => t.Item == "pumps");
        Assert.Equal(new ItemTotal("pumps", 8, 0, 8, 3, 1), pumps);
        Assert.Equal([(Depot2, "pumps")], m.Supplies.BelowMinimum().Select(b => (b.DepotId, b.Stock.Item)));

        var incident = m.Board.Find("i1")!;
        Assert.Equal(["opened", "supply_ordered", "supply_order", "supply_order"], incident.Timeline.Select(t => t.Kind));
        var ordered = incident.Timeline[1];
        Assert.Equal(("s1", Depot2, "pumps", 2, "调度员-王"), (ordered.Subject, ordered.Unit, ordered.Item, ordered.Quantity, ordered.Actor));
        Assert.Equal(("en_route", "done"), (incident.Timeline[3].From, incident.Timeline[3].To));
        Assert.Equal((2, 2), CommandCenter.Command.CommandBoard.SuppliesByItem(incident)["pumps"]);
    }

    [Fact]
    public void Supplies_survive_a_model_snapshot_and_a_clone()
    {
        var m = NewModel();
        m.Feed(Stock("counted", "water", 800));
        m.Feed(Supply("s1", OrderState.Ordered, "water", 100));
        var restored = CommandCenter.Model.CountyModel.FromState(CommandCenter.Model.CountyModel.Deserialize(
            CommandCenter.Model.CountyModel.Serialize(m.ToState())), Map, new CommandCenter.Model.GrainOptions());
        Assert.Equal(new ItemStock("water", 800, 100, 0), restored.Supplies.Find(Depot1)!.Stock("water"));
        Assert.Equal(OrderState.Ordered, m.Clone().Supplies.FindOrder("s1")!.State);
    }
}
