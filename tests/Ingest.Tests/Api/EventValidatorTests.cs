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
    public void Impossible_coordinates_are_refused(double lon, double lat) =>
        Assert.NotNull(_v.Validate(CheckIn() with { Lon = lon, Lat = lat }, "g", Now).Reason);

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
}
