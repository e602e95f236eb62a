using CommandCenter.Broker;
using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Ingest;
using CommandCenter.Views;

namespace CommandCenter.Silo.Tests.Broker;

/// <summary>Which partition owns an event, and the broker messages' JSON round trip.</summary>
public sealed class StreetPartitionerTests
{
    private static readonly StreetPartitioner Four = new(TestCounty.Map, new BrokerOptions { Partitions = 4 });

    private static CountyEvent Event(EventType type, string grid) => new()
    {
        Id = "e1", Type = type, OccurredAt = TestCounty.T0, Source = "test", GridCode = grid, WorkerId = "w", AlarmId = "a",
    };

    [Fact]
    public void A_street_always_hashes_to_the_same_partition_and_every_grid_follows_its_street()
    {
        var street1 = Four.OfStreet($"{TestCounty.County}001");
        Assert.Equal(street1, new StreetPartitioner(TestCounty.Map, new BrokerOptions { Partitions = 4 }).OfStreet($"{TestCounty.County}001"));
        Assert.InRange(street1, 0, 3);
        for (var c = 1; c <= 2; c++)
            for (var g = 1; g <= 3; g++)
                Assert.Equal(street1, Four.OfEvent(Event(EventType.PatrolCheckIn, TestCounty.Grid(1, c, g))));
        Assert.Contains($"{TestCounty.County}001", Four.StreetsOf(street1));
    }

    [Fact]
    public void County_level_and_board_events_go_to_partition_0_and_gridless_ones_are_left_to_the_router()
    {
        Assert.Equal(0, Four.OfEvent(Event(EventType.DrillStarted, TestCounty.County)));
        Assert.Equal(0, Four.OfEvent(Event(EventType.IncidentOpened, TestCounty.Grid(2, 1, 1))));
        Assert.Null(Four.OfEvent(Event(EventType.AlarmAcknowledged, "")));
        Assert.Contains(TestCounty.County, Four.StreetsOf(0));
        Assert.Equal(TestCounty.Map.Streets.Count, Enumerable.Range(0, 4).Sum(p => Four.StreetsOf(p).Count(s => s != TestCounty.County)));
    }

    [Fact]
    public void Broker_messages_survive_the_JSON_round_trip()
    {
        var e = Event(EventType.AlarmRaised, TestCounty.Grid(1, 1, 1)) with { Seq = 42, Severity = 2, DrillStreets = ["x", "y"], CaseState = CaseState.Accepted };
        var batch = BrokerJson.Decode<PartitionBatch>(BrokerJson.Encode(new PartitionBatch([e])));
        Assert.Equal(e with { DrillStreets = null }, batch.Events[0] with { DrillStreets = null });
        Assert.Equal(["x", "y"], batch.Events[0].DrillStreets!);

        var reply = BrokerJson.Decode<BatchReply>(BrokerJson.Encode(new BatchReply("s", 1,
            [ApplyOutcome.Accepted("g"), ApplyOutcome.Duplicate, ApplyOutcome.Refused("unknown_alarm", "no")])));
        Assert.Equal([IngestStatus.Accepted, IngestStatus.Duplicate, IngestStatus.Rejected], reply.Outcomes.Select(o => o.Status));
        Assert.Equal("unknown_alarm", reply.Outcomes[2].Refusal!.Code);

        var live = BrokerJson.Decode<LiveBatch>(BrokerJson.Encode(new LiveBatch("s", 3, TestCounty.T0, [e], [])));
        Assert.Equal((3, 42L), (live.Partition, live.Events[0].Seq));
    }
}
