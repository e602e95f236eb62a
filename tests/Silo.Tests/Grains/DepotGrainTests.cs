using CommandCenter.Events;
using CommandCenter.Grains;
using CommandCenter.Ingest;
using CommandCenter.Supplies;
using CommandCenter.TestSupport;
using static CommandCenter.Silo.Tests.TestCounty;

namespace CommandCenter.Silo.Tests.Grains;

/// <summary>
/// 应急物资 on Orleans: a depot's grain applies concurrent supply orders one at a time (never promising the same stock twice),
/// stores each before answering, tells the board for the incident's timeline, and is rebuilt from its events after a restart.
/// </summary>
public sealed class DepotGrainTests
{
    [Fact]
    public async Task Concurrent_orders_for_the_last_pumps_never_oversell_and_the_depot_rebuilds_from_its_events()
    {
        await using var server = await InfluxServer.StartAsync();
        var influx = await server.CreateClientAsync("depot_grain");
        var time = TimeProvider.System;
        var now = time.GetUtcNow();
        CountyEvent Supply(int n) => Event(EventType.SupplyOrderChanged, "", now) with
            { Id = $"order-{n}", DepotId = Depot1, Item = "pumps", Quantity = 3, OrderId = $"s{n}", IncidentId = "i1", OrderState = OrderState.Ordered, Actor = $"调度员{n}" };

        await using (var cluster = await CountyCluster.StartAsync(influx, time))
        {
            var setup = await cluster.Pipeline.SubmitAsync([
                Event(EventType.IncidentOpened, "", now) with { IncidentId = "i1", Title = "内涝", Severity = 3 },
                Event(EventType.StockChanged, "", now) with { DepotId = Depot1, Item = "pumps", Quantity = 10, StockChange = StockChanges.Counted },
            ]);
            Assert.All(setup, o => Assert.Equal(IngestStatus.Accepted, o.Status));

            // eight coordinators at once, three pumps each, ten on the shelf: three get them
            var answers = await Task.WhenAll(Enumerable.Range(1, 8).Select(n => cluster.Pipeline.SubmitAsync([Supply(n)])));
            var outcomes = answers.Select(a => a[0]).ToList();
            Assert.Equal(3, outcomes.Count(o => o.Status == IngestStatus.Accepted));
            Assert.All(outcomes.Where(o => o.Status != IngestStatus.Accepted), o =>
            {
                Assert.Equal("insufficient_stock", o.Refusal!.Code);
                Assert.Equal("1", o.Refusal.Args!["available"]);
            });
            Assert.Equal(Map.Pois[0].GridCode, outcomes.First(o => o.Status == IngestStatus.Accepted).GridCode);

            var depot = (await cluster.Grains.GetGrain<IDepotGrain>(Depot1).Capture()).Value;
            Assert.Equal(new ItemStock("pumps", 10, 9, 0), depot.Items.Single());
            Assert.Equal(3, (await cluster.StoredAsync()).Count(e => e.Type == EventType.SupplyOrderChanged));

            // the board heard of them (one-way) for the incident's timeline
            var board = cluster.Grains.GetGrain<ICommandBoardGrain>(County);
            for (var i = 0; i < 50 && (await board.Capture()).Value.Open.Single().Supplies.Count < 3; i++) await Task.Delay(100);
            var incident = (await board.Capture()).Value.Open.Single();
            Assert.Equal(3, incident.Supplies.Count);
            Assert.Equal(3, incident.Timeline.Count(t => t.Kind == "supply_ordered"));

            // a retry is a duplicate, not a second reservation
            Assert.Equal(IngestStatus.Duplicate, (await cluster.Pipeline.SubmitAsync([Supply(answers.ToList().FindIndex(a => a[0].Status == IngestStatus.Accepted) + 1)]))[0].Status);
            Assert.Equal("unknown_depot", (await cluster.Pipeline.SubmitAsync([Supply(9) with { DepotId = "poi-depot-99" }]))[0].Refusal!.Code);
        }

        // a new cluster rebuilds the depot and the board's supply orders from the log alone
        await using (var cluster = await CountyCluster.StartAsync(influx, time))
        {
            var depot = (await cluster.Grains.GetGrain<IDepotGrain>(Depot1).Capture()).Value;
            Assert.Equal(new ItemStock("pumps", 10, 9, 0), depot.Items.Single());
            Assert.Equal(3, depot.Orders.Count);
            var incident = (await cluster.Grains.GetGrain<ICommandBoardGrain>(County).Capture()).Value.Open.Single();
            Assert.Equal(3, incident.Supplies.Count);
            var last = await cluster.Pipeline.SubmitAsync([Supply(20) with { Quantity = 2 }]);
            Assert.Equal(("insufficient_stock", "1"), (last[0].Refusal!.Code, last[0].Refusal!.Args!["available"]));
            Assert.Equal(IngestStatus.Accepted, (await cluster.Pipeline.SubmitAsync([Supply(21) with { Quantity = 1 }]))[0].Status);
        }
    }
}
