using System.Text.Json;
using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Ingest;
using static CommandCenter.Silo.Tests.TestCounty;

namespace CommandCenter.Silo.Tests.Grains;

/// <summary>
/// A model restored from a snapshot (state as gzipped JSON, duplicate index as binary segments) and then fed
/// the remaining events equals a model fed every event: grid by grid, every parent, the drills, the board,
/// the locator and the duplicate index.
/// </summary>
public class SnapshotTests
{
    private static CountyEvent Board(EventType type, DateTimeOffset at) => Event(type, "", at) with { Actor = "调度员-王" };

    /// <summary>Random grid, case, drill and board events (many illegal, refused), with ticks between.</summary>
    private static List<(CountyEvent? Event, DateTimeOffset? Tick)> Script(int seed, int count)
    {
        var rnd = new Random(seed);
        var grids = Map.Grids.Select(g => g.Code).ToArray();
        var states = Enum.GetValues<CaseState>();
        var orderStates = Enum.GetValues<OrderState>();
        var script = new List<(CountyEvent?, DateTimeOffset?)>();
        var t = T0;
        for (var i = 0; i < count; i++)
        {
            t = t.AddSeconds(rnd.Next(0, 25));
            var grid = grids[rnd.Next(grids.Length)];
            var drill = rnd.Next(25) == 0 ? $"d{rnd.Next(3)}" : null;
            CountyEvent e = rnd.Next(14) switch
            {
                0 or 1 or 2 => CheckIn(grid, $"w{rnd.Next(30)}", t) with { DrillId = drill, Lon = 0.5 + rnd.NextDouble() / 10, Lat = 0.25 },
                3 => Raise(grid, $"a{rnd.Next(120)}", rnd.Next(1, 5), t, drill),
                4 => Ack($"a{rnd.Next(120)}", t),
                5 => Clear($"a{rnd.Next(120)}", t),
                6 or 7 => Case(rnd.Next(3) == 0 ? grid : "", $"c{rnd.Next(200)}", states[rnd.Next(states.Length)], t,
                    category: rnd.Next(2) == 0 ? "fire_safety" : "sanitation") with { DrillId = drill },
                8 => Event(rnd.Next(2) == 0 ? EventType.DrillStarted : EventType.DrillEnded, County, t) with
                    { DrillId = $"d{rnd.Next(30)}", DrillName = "演练", DrillStreets = [Map.Streets[0].Code] },
                9 => Board(EventType.IncidentOpened, t) with { IncidentId = $"i{rnd.Next(15)}", Title = "火情", Severity = rnd.Next(1, 5), Commander = "李局" },
                10 => Board(EventType.IncidentLinked, t) with { IncidentId = $"i{rnd.Next(15)}", AlarmId = $"a{rnd.Next(120)}" },
                11 => Board(EventType.OrderChanged, t) with
                {
                    OrderId = $"o{rnd.Next(40)}", IncidentId = $"i{rnd.Next(15)}", UnitId = $"u{rnd.Next(10)}", UnitKind = "fire",
                    OrderState = orderStates[rnd.Next(orderStates.Length)],
                },
                12 when rnd.Next(4) == 0 => Board(EventType.IncidentUpdated, t) with { IncidentId = $"i{rnd.Next(15)}", Severity = rnd.Next(1, 5), Commander = $"指挥{rnd.Next(3)}" },
                12 => rnd.Next(3) == 0
                    ? Board(EventType.IncidentClosed, t) with { IncidentId = $"i{rnd.Next(15)}", Note = "结束" }
                    : Board(EventType.IncidentNote, t) with { IncidentId = $"i{rnd.Next(15)}", Note = "续报" },
                _ => rnd.Next(2) == 0
                    ? Board(EventType.WhistleBlown, t) with { WhistleId = $"h{rnd.Next(10)}", Streets = [Map.Streets[1].Code], Departments = ["城管", "公安"] }
                    : Board(EventType.ReportIn, t) with
                    {
                        WhistleId = $"h{rnd.Next(10)}", Department = rnd.Next(2) == 0 ? "城管" : "公安",
                        OrderState = rnd.Next(2) == 0 ? OrderState.Acknowledged : OrderState.OnScene,
                    },
            };
            script.Add((e, null));
            if (rnd.Next(40) == 0) script.Add((null, t));
        }
        return script;
    }

    [Theory]
    [InlineData(3, 0.3)]
    [InlineData(17, 0.5)]
    [InlineData(29, 0.9)]
    public void A_model_restored_from_a_snapshot_and_fed_the_rest_equals_one_fed_everything(int seed, double cut)
    {
        var script = Script(seed, 12_000);
        var full = NewModel();
        var first = NewModel();
        var at = (int)(script.Count * cut);
        var accepted = 0;
        for (var i = 0; i < at; i++) accepted += Run(first, script[i]) ? 1 : 0;
        // what the silo stores: the state and the duplicate index, both through their byte forms
        var bytes = CountyModel.Serialize(first.ToState());
        var dedupe = CountyModel.SerializeDedupe(first.Dedupe.EntriesAfter(0));
        var restored = CountyModel.FromState(CountyModel.Deserialize(bytes), Map, new GrainOptions());
        restored.Dedupe.Restore(CountyModel.DeserializeDedupe(dedupe), restored.LastSeq);
        Assert.Equal(first.Dedupe.Entries, restored.Dedupe.Entries);

        var refusedAfter = new List<string?>();
        var refusedFull = new List<string?>();
        for (var i = 0; i < script.Count; i++)
        {
            var stamped = script[i].Event is { } e ? script[i] with { Event = Stamp(full, e) } : script[i];
            var a = Outcome(full, stamped);
            if (i < at) continue;
            var b = Outcome(restored, stamped);
            Assert.Equal(a, b);
        }
        var end = T0.AddDays(3);
        full.Tick(end);
        restored.Tick(end);
        Assert.True(accepted > 1000, $"only {accepted} events accepted before the cut");
        AssertSameModel(full, restored);
    }

    [Fact]
    public void Duplicate_index_segments_chain_and_a_resent_event_is_still_a_duplicate_after_restore()
    {
        var m = NewModel();
        var e1 = CheckIn(Grid(1, 1, 1), "w1", T0);
        m.Feed(e1);
        var seg1 = CountyModel.SerializeDedupe(m.Dedupe.EntriesAfter(0));
        var cut = m.LastSeq;
        m.Feed(CheckIn(Grid(1, 1, 2), "w2", T0.AddMinutes(1)));
        m.Feed(CheckIn(Grid(1, 1, 3), "w3", T0.AddMinutes(2)));
        var seg2 = CountyModel.SerializeDedupe(m.Dedupe.EntriesAfter(cut));
        Assert.Equal(2, CountyModel.DeserializeDedupe(seg2).Count);

        var restored = CountyModel.FromState(CountyModel.Deserialize(CountyModel.Serialize(m.ToState())), Map, new GrainOptions());
        restored.Dedupe.Restore(CountyModel.DeserializeDedupe(seg1).Concat(CountyModel.DeserializeDedupe(seg2)), restored.LastSeq);
        Assert.Equal(m.Dedupe.Entries, restored.Dedupe.Entries);
        Assert.Equal(IngestStatus.Duplicate, restored.Feed(e1).Status);
    }

    [Fact]
    public void A_snapshot_from_other_rules_is_refused()
    {
        var state = NewModel().ToState() with { Rules = CountyModel.RulesVersion + 1 };
        Assert.Throws<InvalidDataException>(() => CountyModel.FromState(state, Map, new GrainOptions()));
    }

    private static bool Run(CountyModel m, (CountyEvent? Event, DateTimeOffset? Tick) step)
    {
        if (step.Tick is { } t) { m.Tick(t); return false; }
        return m.Feed(step.Event!).Status == IngestStatus.Accepted;
    }

    private static string Outcome(CountyModel m, (CountyEvent? Event, DateTimeOffset? Tick) step)
    {
        if (step.Tick is { } t) { m.Tick(t); return "tick"; }
        var o = m.Apply(step.Event!.Seq > m.LastSeq ? step.Event : step.Event with { Seq = m.LastSeq + 1 });
        return $"{o.Status} {o.GridCode} {o.Refusal?.Code}";
    }

    internal static void AssertSameModel(CountyModel expected, CountyModel actual)
    {
        Assert.Equal(expected.LastSeq, actual.LastSeq);
        Assert.Equal(expected.ActiveGrids.Select(g => g.Code).Order(), actual.ActiveGrids.Select(g => g.Code).Order());
        foreach (var g in expected.ActiveGrids)
        {
            var r = actual.FindGrid(g.Code)!;
            Assert.Equal(g.Figures, r.Figures);
            Assert.Equal(g.Level, r.Level);
            Assert.Equal(g.LastPatrolledAt, r.LastPatrolledAt);
            Assert.Equal(g.Alarms.OrderBy(a => a.Id), r.Alarms.OrderBy(a => a.Id));
            Assert.Equal(g.Cases.OrderBy(a => a.Id), r.Cases.OrderBy(a => a.Id));
            Assert.Equal(g.Workers.OrderBy(a => a.WorkerId), r.Workers.OrderBy(a => a.WorkerId));
            foreach (var a in g.Alarms) Assert.Equal(expected.GridOfAlarm(a.Id), actual.GridOfAlarm(a.Id));
            foreach (var c in g.Cases) Assert.Equal(expected.GridOfCase(c.Id), actual.GridOfCase(c.Id));
        }
        foreach (var area in expected.Map.Streets.Concat(expected.Map.Communities).Append(expected.Map.County))
        {
            Assert.Equal(expected.FindAggregate(area.Code)!.Figures, actual.FindAggregate(area.Code)!.Figures);
            Assert.Equal(expected.FindAggregate(area.Code)!.OldestUnackedAt, actual.FindAggregate(area.Code)!.OldestUnackedAt);
        }
        Assert.Equal(Json(expected.County.RunningDrills.OrderBy(d => d.Id)), Json(actual.County.RunningDrills.OrderBy(d => d.Id)));
        Assert.Equal(Json(expected.County.EndedDrills), Json(actual.County.EndedDrills));
        Assert.Equal(Json(expected.Board.Open.OrderBy(i => i.Id)), Json(actual.Board.Open.OrderBy(i => i.Id)));
        Assert.Equal(Json(expected.Board.RecentlyClosed), Json(actual.Board.RecentlyClosed));
        Assert.Equal(Json(expected.Board.Whistles.OrderBy(w => w.Id).Select(w => new { w, r = w.ReportIns.OrderBy(x => x.Key).Select(x => $"{x.Key}:{x.Value.Acknowledged:O}:{x.Value.Arrived:O}") })),
            Json(actual.Board.Whistles.OrderBy(w => w.Id).Select(w => new { w, r = w.ReportIns.OrderBy(x => x.Key).Select(x => $"{x.Key}:{x.Value.Acknowledged:O}:{x.Value.Arrived:O}") })));
        Assert.Equal(expected.Dedupe.Entries, actual.Dedupe.Entries);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
