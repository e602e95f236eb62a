using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest.Api;
using CommandCenter.Ingest.Tests.Simulation;

namespace CommandCenter.Ingest.Tests.Api;

/// <summary>The static checks before the grains: pure logic on a hand-made county.</summary>
public class EventValidatorTests
{
    private static readonly CountyMap Map = TestCounty.Build();
    private static readonly DateTimeOffset Now = TestCounty.BeijingNoon;
    private readonly EventValidator _v = new(Map, new IngestOptions());

    private static WireEvent CheckIn() => new()
    {
        Id = "e1", Type = EventType.PatrolCheckIn, OccurredAt = Now, WorkerId = "w1", Lon = 120.015, Lat = 30.005,
    };

    [Fact]
    public void A_position_is_resolved_to_its_grid_and_the_source_comes_from_the_key()
    {
        var (e, reason) = _v.Validate(CheckIn(), "gateway", Now);
        Assert.Null(reason);
        Assert.Equal(Map.LocateGrid(new GeoPoint(120.015, 30.005))!.Code, e!.GridCode);
        Assert.Equal("gateway", e.Source);
    }

    [Theory]
    [InlineData(6, "in the future")]
    [InlineData(-60 * 24 * 8, "older than")]
    public void Times_outside_the_window_are_refused(int minutes, string expected) =>
        Assert.Contains(expected, _v.Validate(CheckIn() with { OccurredAt = Now.AddMinutes(minutes) }, "g", Now).Reason);

    [Fact]
    public void A_little_clock_skew_is_allowed() =>
        Assert.Null(_v.Validate(CheckIn() with { OccurredAt = Now.AddMinutes(4) }, "g", Now).Reason);

    [Theory]
    [InlineData(EventType.AlarmRaised, "alarmId is required")]
    [InlineData(EventType.CaseChanged, "caseId is required")]
    [InlineData(EventType.DrillStarted, "drillId is required")]
    public void Each_type_names_its_missing_field(EventType type, string expected) =>
        Assert.Contains(expected, _v.Validate(CheckIn() with { Type = type }, "g", Now).Reason);

    [Fact]
    public void Acknowledgements_may_omit_the_grid_but_raising_may_not()
    {
        var ack = new WireEvent { Id = "a", Type = EventType.AlarmAcknowledged, OccurredAt = Now, AlarmId = "x" };
        var (e, reason) = _v.Validate(ack, "g", Now);
        Assert.Null(reason);
        Assert.Equal("", e!.GridCode);
        var raise = ack with { Type = EventType.AlarmRaised, Severity = 2 };
        Assert.Contains("gridCode or lon/lat is required", _v.Validate(raise, "g", Now).Reason);
    }

    [Theory]
    [InlineData(double.NaN, 30.0)]
    [InlineData(200.0, 30.0)]
    [InlineData(120.0, -91.0)]
    [InlineData(double.PositiveInfinity, 30.0)] // what the reader makes of 1e400 and "Infinity"
    [InlineData(120.0, double.NegativeInfinity)]
    public void Impossible_coordinates_are_refused(double lon, double lat) =>
        Assert.Matches("^(lon|lat) must be a finite number", _v.Validate(CheckIn() with { Lon = lon, Lat = lat }, "g", Now).Reason);

    [Fact]
    public void A_lone_surrogate_is_refused_naming_the_field()
    {
        Assert.Equal("workerId is not valid text (a lone surrogate escape)", _v.Validate(CheckIn() with { WorkerId = "w\uD800" }, "g", Now).Reason);
        Assert.Equal("note is not valid text (a lone surrogate escape)", _v.Validate(CheckIn() with { Note = "\uDC00x" }, "g", Now).Reason);
        Assert.Null(_v.Validate(CheckIn() with { WorkerId = "w😀" }, "g", Now).Reason);
    }

    [Fact]
    public void Drill_streets_must_be_streets_of_the_county()
    {
        var drill = new WireEvent { Id = "d", Type = EventType.DrillStarted, OccurredAt = Now, DrillId = "d1", DrillStreets = ["S1", "S9"] };
        Assert.Contains("S9", _v.Validate(drill, "g", Now).Reason);
        var (e, reason) = _v.Validate(drill with { DrillStreets = ["S2"] }, "g", Now);
        Assert.Null(reason);
        Assert.Equal(Map.County.Code, e!.GridCode);
    }

    [Fact]
    public void Over_long_text_is_refused_naming_the_field()
    {
        var tooLong = new string('字', 2001);
        Assert.Contains("note is longer", _v.Validate(CheckIn() with { Note = tooLong }, "g", Now).Reason);
        Assert.Contains("actor is longer", _v.Validate(CheckIn() with { Actor = tooLong }, "g", Now).Reason);
        Assert.Contains("drillName is longer", _v.Validate(CheckIn() with { DrillName = tooLong }, "g", Now).Reason);
        Assert.Contains("category is longer", _v.Validate(CheckIn() with { Category = tooLong }, "g", Now).Reason);
        Assert.Contains("title is longer", _v.Validate(CheckIn() with { Title = tooLong }, "g", Now).Reason);
        Assert.Contains("commander is longer", _v.Validate(CheckIn() with { Commander = tooLong }, "g", Now).Reason);
        Assert.Null(_v.Validate(CheckIn() with { Note = new string('字', 2000) }, "g", Now).Reason);
    }

    public static TheoryData<EventType> ConsoleTypes() => new(Enum.GetValues<EventType>().Where(t => !OutsideEventTypes.IsAllowed(t)));

    [Theory]
    [MemberData(nameof(ConsoleTypes))]
    public void A_console_event_type_from_an_api_key_is_refused_naming_the_type(EventType type)
    {
        var e = new WireEvent
        {
            Id = "c", Type = type, OccurredAt = Now, GridCode = Map.Grids[0].Code, IncidentId = "INC-1", Title = "t", Severity = 1, Note = "n",
            AlarmId = "a", OrderId = "o", OrderState = OrderState.Acknowledged, UnitId = "u", UnitKind = "fire", WhistleId = "w",
            Department = "d", Departments = ["d"], Streets = [Map.Streets[0].Code], Actor = "调度员-王",
        };
        var (accepted, reason) = _v.Validate(e, "gateway", Now);
        Assert.Null(accepted);
        Assert.Contains($"type {type.ToWire()} is a console action", reason);
    }

    private static WireEvent Reading() => new()
    {
        Id = "r1", Type = EventType.SensorReading, OccurredAt = Now, SensorId = "G0001", SensorKind = "water_level", Value = 3.62,
        Lon = 120.015, Lat = 30.005,
    };

    [Fact]
    public void A_sensor_reading_keeps_its_sensor_kind_and_value_and_is_placed_in_its_grid()
    {
        var (e, reason) = _v.Validate(Reading(), "gauges", Now);
        Assert.Null(reason);
        Assert.Equal(("G0001", "water_level", 3.62), (e!.SensorId, e.SensorKind, e.Value));
        Assert.Equal(Map.LocateGrid(new GeoPoint(120.015, 30.005))!.Code, e.GridCode);
    }

    [Fact]
    public void A_sensor_reading_names_what_it_lacks()
    {
        Assert.Equal("sensorId is required for sensor_reading", _v.Validate(Reading() with { SensorId = null }, "g", Now).Reason);
        Assert.Equal("value is required for sensor_reading", _v.Validate(Reading() with { Value = null }, "g", Now).Reason);
        Assert.Equal("gridCode or lon/lat is required for sensor_reading", _v.Validate(Reading() with { Lon = null, Lat = null }, "g", Now).Reason);
        Assert.Contains("sensorKind 'radiation' is not one of water_level, rainfall, gas, hydrant_pressure",
            _v.Validate(Reading() with { SensorKind = "radiation" }, "g", Now).Reason);
    }

    [Fact]
    public void Only_the_readme_types_come_from_outside() =>
        Assert.Equal(["patrol_checkin", "alarm_raised", "alarm_acknowledged", "alarm_cleared", "case_changed", "drill_started", "drill_ended", "sensor_reading",
            "stock_changed"], OutsideEventTypes.WireNames);

    private static readonly CountyMap WithDepot = new(Map.County, Map.Streets, Map.Communities, Map.Grids,
        [new Poi("poi-depot-01", PoiKind.SupplyDepot, "一号物资储备点", new GeoPoint(120.015, 30.005), "S2C2G4")]);

    private static WireEvent Count() => new()
    {
        Id = "k1", Type = EventType.StockChanged, OccurredAt = Now, DepotId = "poi-depot-01", Item = "sandbags", Quantity = 3000, StockChange = "counted",
    };

    [Fact]
    public void A_stock_change_from_a_warehouse_system_is_placed_in_its_depots_grid()
    {
        var (e, reason) = new EventValidator(WithDepot, new IngestOptions()).Validate(Count() with { GridCode = "S1C1G2" }, "warehouse", Now);
        Assert.Null(reason);
        Assert.Equal(("poi-depot-01", "sandbags", 3000, "counted"), (e!.DepotId, e.Item, e.Quantity, e.StockChange));
        Assert.Equal("S2C2G4", e.GridCode); // the depot's grid, whatever the sender says
    }

    [Theory]
    [InlineData("depotId", "depotId is required for stock_changed")]
    [InlineData("item", "item is required for stock_changed")]
    [InlineData("quantity", "quantity is required for stock_changed")]
    [InlineData("stockChange", "stockChange is required for stock_changed")]
    [InlineData("unknownDepot", "depotId 'poi-depot-99' is not a supply depot of the county")]
    [InlineData("unknownItem", "item 'rockets' is not one of sandbags, pumps, tents, lifejackets, generators, water, blankets, lights")]
    [InlineData("unknownChange", "stockChange 'stolen' is not one of counted, restocked, minimum, returned")]
    [InlineData("negative", "quantity must be 0–1000000, not -5")]
    [InlineData("returnWithoutOrder", "orderId is required for a return (the supply order the goods come back from)")]
    public void A_stock_change_names_what_is_wrong(string what, string expected)
    {
        var w = what switch
        {
            "depotId" => Count() with { DepotId = null },
            "item" => Count() with { Item = null },
            "quantity" => Count() with { Quantity = null },
            "stockChange" => Count() with { StockChange = null },
            "unknownDepot" => Count() with { DepotId = "poi-depot-99" },
            "unknownItem" => Count() with { Item = "rockets" },
            "unknownChange" => Count() with { StockChange = "stolen" },
            "negative" => Count() with { Quantity = -5 },
            _ => Count() with { StockChange = "returned" },
        };
        var (e, reason) = new EventValidator(WithDepot, new IngestOptions()).Validate(w, "warehouse", Now);
        Assert.Null(e);
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void A_supply_order_is_a_console_action() =>
        Assert.Contains("type supply_order_changed is a console action",
            _v.Validate(Count() with { Type = EventType.SupplyOrderChanged, OrderId = "s1", OrderState = OrderState.Ordered }, "warehouse", Now).Reason);

    [Fact]
    public void An_outside_actor_is_recorded_as_reported_by_its_source()
    {
        var ack = new WireEvent { Id = "a", Type = EventType.AlarmAcknowledged, OccurredAt = Now, AlarmId = "x", Actor = " 调度员-王 " };
        Assert.Equal("hotline/调度员-王", _v.Validate(ack, "hotline", Now).Event!.Actor);
        Assert.Null(_v.Validate(ack with { Actor = null }, "hotline", Now).Event!.Actor);
    }

    [Theory]
    [InlineData("id", 128)]
    [InlineData("workerId", 128)]
    [InlineData("alarmId", 128)]
    [InlineData("caseId", 128)]
    [InlineData("drillId", 128)]
    [InlineData("gridCode", 64)]
    [InlineData("alarmKind", 100)]
    [InlineData("category", 100)]
    [InlineData("actor", 100)]
    [InlineData("drillName", 200)]
    [InlineData("note", 2000)]
    [InlineData("drillStreets", 64)]
    public void Each_text_field_has_a_limit_and_one_character_more_is_refused_naming_it(string field, int limit)
    {
        WireEvent With(int length)
        {
            var v = new string('字', length);
            return field switch
            {
                "id" => CheckIn() with { Id = v }, "workerId" => CheckIn() with { WorkerId = v },
                "alarmId" => new WireEvent { Id = "a", Type = EventType.AlarmAcknowledged, OccurredAt = Now, AlarmId = v },
                "caseId" => new WireEvent { Id = "c", Type = EventType.CaseChanged, OccurredAt = Now, CaseId = v, CaseState = CaseState.Accepted },
                "drillId" => new WireEvent { Id = "d", Type = EventType.DrillEnded, OccurredAt = Now, DrillId = v },
                "gridCode" => CheckIn() with { GridCode = v, Lon = null, Lat = null },
                "alarmKind" => CheckIn() with { AlarmKind = v }, "category" => CheckIn() with { Category = v },
                "actor" => CheckIn() with { Actor = v }, "drillName" => CheckIn() with { DrillName = v }, "note" => CheckIn() with { Note = v },
                _ => new WireEvent { Id = "d", Type = EventType.DrillStarted, OccurredAt = Now, DrillId = "d1", DrillStreets = [v] },
            };
        }
        var refused = _v.Validate(With(limit + 1), "g", Now).Reason;
        Assert.StartsWith(field, refused);
        Assert.Contains($"longer than {limit} characters", refused);
        Assert.DoesNotContain("longer than", _v.Validate(With(limit), "g", Now).Reason ?? "");
    }

    [Fact]
    public void A_list_of_more_than_100_streets_is_refused() =>
        Assert.Contains("drillStreets holds more than 100", _v.Validate(new WireEvent
        {
            Id = "d", Type = EventType.DrillStarted, OccurredAt = Now, DrillId = "d1", DrillStreets = Enumerable.Repeat("S1", 101).ToList(),
        }, "g", Now).Reason);

    [Theory]
    [InlineData("1999-12-31T23:59:59Z", "before 2000-01-01")]
    [InlineData("0001-01-01T00:00:00Z", "before 2000-01-01")]
    [InlineData("9999-12-31T23:59:59Z", "in the future")]
    public void OccurredAt_far_outside_a_sane_range_is_refused_naming_the_field(string at, string expected)
    {
        var reason = _v.Validate(CheckIn() with { OccurredAt = DateTimeOffset.Parse(at) }, "g", Now).Reason;
        Assert.StartsWith("occurredAt", reason);
        Assert.Contains(expected, reason);
    }

    [Fact]
    public void A_huge_configured_max_age_does_not_overflow()
    {
        var v = new EventValidator(Map, new IngestOptions { MaxAge = TimeSpan.MaxValue, MaxFutureSkew = TimeSpan.MaxValue });
        Assert.Null(v.Validate(CheckIn(), "g", Now).Reason);
        Assert.Contains("before 2000", v.Validate(CheckIn() with { OccurredAt = DateTimeOffset.MinValue }, "g", Now).Reason);
    }
}
