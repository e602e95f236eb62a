using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest.Api;
using CommandCenter.Supplies;

namespace CommandCenter.Ingest.Tests.Simulation;

/// <summary>
/// 应急物资 in the demo: at start every depot reports a realistic stock and minimum for every item, a few items are under
/// their minimum, and the simulated warehouse restocks the short ones first — events the ingest validator accepts.
/// </summary>
public sealed class ScenarioSupplyTests
{
    private static readonly CountyMap Demo = DemoCountyGenerator.Generate();

    [Fact]
    public void Every_depot_starts_with_a_realistic_stock_a_few_items_are_short_and_restocks_bring_them_back()
    {
        var start = TestCounty.BeijingNoon;
        var options = TestCounty.Options(eventsPerSecond: 1);
        options.Workers = 10;
        options.Gauges = 0;
        var events = TestCounty.Run(TestCounty.Scenario(options, Demo), start, TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(1))
            .Where(e => e.Type == EventType.StockChanged).ToList();
        var depots = Demo.Pois.Where(p => p.Kind == PoiKind.SupplyDepot).Select(p => new DepotStock(p.Id)).ToDictionary(d => d.DepotId);
        Assert.Equal(15, depots.Count);
        Assert.Equal(15 * SupplyItems.All.Length * 2 + 2, events.Count); // a count and a minimum per depot item; restocks at 20 and 40 min

        var validator = new EventValidator(Demo, new IngestOptions());
        List<(string Depot, ItemStock Stock)> Short() =>
            [.. depots.Values.SelectMany(d => d.Items.Where(i => i.BelowMinimum).Select(i => (d.DepotId, i)))];
        var startEvents = events.Count - 2;
        for (var n = 0; n < events.Count; n++)
        {
            if (n == startEvents)
            {
                Assert.Equal(4, Short().Count);
                var all = depots.Values.Select(d => d.Stock("sandbags").OnHand).Where(q => q >= 2000).ToList();
                Assert.All(all, q => Assert.InRange(q, 2500, 6000));
                Assert.All(depots.Values.Select(d => d.Stock("pumps").OnHand), q => Assert.InRange(q, 0, 12));
            }
            var (e, reason) = validator.Validate(events[n], "simulator", events[n].OccurredAt!.Value);
            Assert.Null(reason);
            Assert.Null(depots[e!.DepotId!].Apply(e));
        }
        Assert.Equal(2, Short().Count); // the two oldest short items were restocked over their minimum
        Assert.Equal(["restocked", "restocked"], events.TakeLast(2).Select(e => e.StockChange));
    }
}
