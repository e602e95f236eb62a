using CommandCenter.Dispatch;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Live;
using CommandCenter.Maps;
using CommandCenter.Model;

namespace CommandCenter.EndToEnd.Tests.Wall;

/// <summary>What the map's cards read (pure logic: the county's model, no host): a unit's card with its incident and ETA, a
/// depot's stock and a station's crews, a grid's alarm marked; nothing for an unknown or oversized id.</summary>
public class MapCardsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The county read in place: what ILiveCounty gives the screens, over a model the test fills.</summary>
    private sealed class InMemoryCounty(CountyModel model) : ILiveCounty
    {
        public CommandCenter.Live.SiloStatus Status => CommandCenter.Live.SiloStatus.Ready;
        public long EventsApplied => 0;
        public DateTimeOffset? LastTickAt => null;
        public event Action<LiveUpdate>? Updated { add { } remove { } }
        public Task<T> ReadAsync<T>(Func<CountyModel, T> read, CancellationToken ct = default) => Task.FromResult(read(model));
        public Task<(DateTimeOffset AsOf, T Value)> CaptureAsync<T>(Func<CountyModel, T> read, CancellationToken ct = default) => Task.FromResult((T0, read(model)));
    }

    private static long _seq;
    private static CountyEvent Event(EventType type, string grid, DateTimeOffset at) =>
        new() { Id = $"e{++_seq}", Type = type, OccurredAt = at, Source = "test", GridCode = grid, Seq = _seq };

    [Fact]
    public async Task A_unit_s_card_names_its_incident_and_when_it_is_expected_and_a_station_s_crew_shows_it_is_busy()
    {
        var map = DemoCountyGenerator.Generate();
        var model = new CountyModel(map, new GrainOptions());
        var police = map.Pois.First(p => p.Kind == PoiKind.PoliceStation);
        var grid = map.Grids[500];
        model.Apply(Event(EventType.IncidentOpened, "", T0) with { IncidentId = "I-1", Title = "积水", Severity = 2, GridCode = grid.Code });
        model.Apply(Event(EventType.OrderChanged, "", T0.AddMinutes(1)) with
        {
            IncidentId = "I-1", OrderId = "ORD-1", UnitId = police.Id + "-1", UnitKind = "police", OrderState = OrderState.Ordered,
        });
        var cards = new MapCards(new InMemoryCounty(model), map, new UnitCatalogue(map));

        var unit = await cards.UnitAsync("ORD-1", default);
        Assert.NotNull(unit);
        Assert.Equal(("积水", 2, "ordered", "police"), (unit.IncidentTitle, unit.IncidentLevel, unit.State, unit.UnitKind));
        Assert.Equal($"{police.Name}警组1", unit.UnitName);
        Assert.Equal(T0.AddMinutes(1).AddMinutes(UnitCatalogue.EtaMinutes("police", police.Position, grid.LabelPoint)), unit.EtaAt);
        Assert.Null(unit.OnSceneAt);

        var station = await cards.PoiAsync(police.Id, default);
        Assert.NotNull(station);
        Assert.Equal("police", station.Kind);
        Assert.Empty(station.Stock);
        Assert.Equal(2, station.Crews.Count);
        Assert.Equal(("积水", "ordered"), (station.Crews[0].IncidentTitle, station.Crews[0].State));
        Assert.Null(station.Crews[1].IncidentTitle);

        // nothing for what is not there, or for an id no map has (a hostile page)
        Assert.Null(await cards.UnitAsync("ORD-404", default));
        Assert.Null(await cards.PoiAsync(new string('x', MapCards.MaxId + 1), default));
        Assert.Null(await cards.GridAsync(map.Streets[0].Code, null, default)); // a street is not a grid
    }

    [Fact]
    public async Task A_depot_s_card_has_every_item_and_a_grid_s_card_marks_the_alarm_clicked()
    {
        var map = DemoCountyGenerator.Generate();
        var model = new CountyModel(map, new GrainOptions());
        var grid = map.Grids[42];
        model.Apply(Event(EventType.AlarmRaised, grid.Code, T0) with { AlarmId = "A-1", Severity = 1, AlarmKind = "smoke" });
        model.Apply(Event(EventType.AlarmRaised, grid.Code, T0.AddMinutes(1)) with { AlarmId = "A-2", Severity = 3, AlarmKind = "gas" });
        var cards = new MapCards(new InMemoryCounty(model), map, new UnitCatalogue(map));

        var card = await cards.GridAsync(grid.Code, "A-2", default);
        Assert.NotNull(card);
        Assert.Equal(["A-1", "A-2"], card.Alarms.Select(a => a.Id));
        Assert.Equal("A-2", card.Alarm);
        Assert.Contains(grid.Name, card.Place);
        Assert.NotEqual(StatusLevel.Normal, card.Summary.Level);

        var depot = map.Pois.First(p => p.Kind == PoiKind.SupplyDepot);
        var poi = await cards.PoiAsync(depot.Id, default);
        Assert.NotNull(poi);
        Assert.Equal(CommandCenter.Supplies.SupplyItems.All.Length, poi.Stock.Count);
        Assert.Single(poi.Crews); // its supply truck
    }
}
