using CommandCenter.Model;
using CommandCenter.Events;
using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Ingest;
using static CommandCenter.Silo.Tests.TestCounty;

namespace CommandCenter.Silo.Tests.Grains;

/// <summary>Parents keep sums by deltas; these prove the sums equal a recount from the children.</summary>
public class AggregationTests
{
    [Fact]
    public void After_a_long_random_stream_every_parent_equals_a_recount_of_its_children()
    {
        var m = NewModel();
        var (stream, _) = RandomStream(m, seed: 7, count: 40_000, checkEvery: 2_000, check: () => AssertRecount(m));
        Assert.True(stream.Count > 15_000, $"only {stream.Count} of 40,000 random events were accepted");
        AssertRecount(m);
        Assert.True(m.County.Figures[Figure.CasesClosed] > 0 && m.County.Figures[Figure.AlarmsAcknowledged] > 0);
    }

    [Fact]
    public void Feeding_the_accepted_events_again_through_a_fresh_model_gives_identical_state()
    {
        var live = NewModel();
        var (stream, end) = RandomStream(live, seed: 11, count: 15_000, checkEvery: 0, check: () => { });
        var replay = NewModel();
        foreach (var e in stream) Assert.Equal(IngestStatus.Accepted, replay.Apply(e).Status);
        replay.Tick(end);
        live.Tick(end);
        Assert.Equal(live.County.Figures, replay.County.Figures);
        foreach (var g in live.ActiveGrids)
        {
            Assert.Equal(g.Figures, replay.FindGrid(g.Code)!.Figures);
            Assert.Equal(g.Level, replay.FindGrid(g.Code)!.Level);
        }
        Assert.Equal(live.County.OldestUnackedAt, replay.County.OldestUnackedAt);
    }

    private static void AssertRecount(CountyModel m)
    {
        var map = m.Map;
        foreach (var street in map.Streets)
        {
            var streetSum = new Figures();
            foreach (var community in map.ChildrenOf(street.Code))
            {
                var sum = new Figures();
                DateTimeOffset? oldest = null;
                foreach (var grid in map.ChildrenOf(community.Code))
                {
                    if (m.FindGrid(grid.Code) is not { } g) continue;
                    sum.Add(g.Figures);
                    foreach (var a in g.Alarms.Where(a => a.DrillId is null && !a.IsAcknowledged))
                        if (oldest is null || a.RaisedAt < oldest) oldest = a.RaisedAt;
                }
                var grain = m.FindAggregate(community.Code)!;
                Assert.Equal(sum, grain.Figures);
                Assert.Equal(oldest, grain.OldestUnackedAt);
                streetSum.Add(sum);
            }
            Assert.Equal(streetSum, m.FindAggregate(street.Code)!.Figures);
        }
        var county = new Figures();
        foreach (var s in map.Streets) county.Add(m.FindAggregate(s.Code)!.Figures);
        Assert.Equal(county, m.County.Figures);
    }

    /// <summary>Random events (many illegal, which the model must refuse) and ticks; returns the accepted ones.</summary>
    private static (List<CountyEvent> Accepted, DateTimeOffset End) RandomStream(CountyModel m, int seed, int count, int checkEvery, Action check)
    {
        var rnd = new Random(seed);
        var grids = m.Map.Grids.Select(g => g.Code).ToArray();
        var accepted = new List<CountyEvent>();
        var t = T0;
        var states = Enum.GetValues<CaseState>();
        for (var i = 1; i <= count; i++)
        {
            t = t.AddSeconds(rnd.Next(0, 20));
            var grid = grids[rnd.Next(grids.Length)];
            var drill = rnd.Next(20) == 0 ? "drill-x" : null;
            var e = rnd.Next(10) switch
            {
                0 or 1 or 2 => CheckIn(grid, $"w{rnd.Next(30)}", t) with { DrillId = drill },
                3 => Raise(grid, $"a{rnd.Next(200)}", rnd.Next(1, 5), t, drill),
                4 => Ack($"a{rnd.Next(200)}", t),
                5 => Clear($"a{rnd.Next(200)}", t),
                _ => Case(rnd.Next(3) == 0 ? grid : "", $"c{rnd.Next(300)}", states[rnd.Next(states.Length)], t,
                    category: rnd.Next(2) == 0 ? "fire_safety" : "sanitation") with { DrillId = drill },
            };
            if (e.Type == EventType.CaseChanged && e.CaseState == CaseState.Reported && e.GridCode == "") e = e with { GridCode = grid };
            e = Stamp(m, e);
            if (m.Apply(e).Status == IngestStatus.Accepted) accepted.Add(e);
            if (rnd.Next(50) == 0) m.Tick(t);
            if (checkEvery > 0 && i % checkEvery == 0) check();
        }
        return (accepted, t);
    }
}

public class CloneTests
{
    [Fact]
    public void A_clone_fed_the_rest_of_a_stream_ends_where_the_original_ends_and_the_original_is_untouched_by_it()
    {
        var rnd = new Random(5);
        var grids = TestCounty.Map.Grids.Select(g => g.Code).ToArray();
        var events = new List<CountyEvent>();
        var t = TestCounty.T0;
        for (var i = 0; i < 4000; i++)
        {
            t = t.AddSeconds(rnd.Next(1, 30));
            var g = grids[rnd.Next(grids.Length)];
            events.Add(rnd.Next(4) switch
            {
                0 => TestCounty.Raise(g, $"a{rnd.Next(60)}", rnd.Next(1, 5), t),
                1 => TestCounty.Ack($"a{rnd.Next(60)}", t),
                2 => TestCounty.Clear($"a{rnd.Next(60)}", t),
                _ => TestCounty.CheckIn(g, $"w{rnd.Next(20)}", t),
            });
        }
        var original = TestCounty.NewModel();
        for (var i = 0; i < 2000; i++) original.Feed(events[i]);
        var clone = original.Clone();
        var frozen = original.County.Figures.Copy();
        for (var i = 2000; i < events.Count; i++) { original.Feed(events[i]); clone.Feed(events[i]); }
        original.Tick(t); clone.Tick(t);
        Assert.Equal(original.County.Figures, clone.County.Figures);
        Assert.Equal(original.County.OldestUnackedAt, clone.County.OldestUnackedAt);
        foreach (var g in original.ActiveGrids) Assert.Equal(g.Figures, clone.FindGrid(g.Code)!.Figures);

        var again = TestCounty.NewModel();
        for (var i = 0; i < 2000; i++) again.Feed(events[i]);
        var snapshot = again.Clone();
        for (var i = 2000; i < events.Count; i++) again.Feed(events[i]);
        Assert.Equal(frozen, snapshot.County.Figures);
    }
}

public class DedupeIndexTests
{
    [Fact]
    public void Keys_leave_after_the_window_or_beyond_the_key_limit()
    {
        var d = new DedupeIndex(TimeSpan.FromSeconds(10), maxKeys: 3);
        for (var i = 1; i <= 5; i++) d.Add("s", $"e{i}", i * 1_000_000_000L);
        Assert.Equal(3, d.Count);
        Assert.False(d.Contains("s", "e1"));
        Assert.True(d.Contains("s", "e5"));
        d.Add("s", "late", 30_000_000_000L);
        Assert.False(d.Contains("s", "e5"));
        Assert.True(d.Contains("s", "late"));
    }

    [Fact]
    public void An_index_with_a_few_keys_stays_small()
    {
        // every grid grain holds its own index (9,600 in the 4× county): it must cost little until it holds much
        var keys = Enumerable.Range(0, 5).Select(i => DedupeIndex.KeyOf("src", $"e-{i}")).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var index = new DedupeIndex(TimeSpan.FromHours(48));
        for (var i = 0; i < keys.Length; i++) index.Add(keys[i], 1_000 + i);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(5, index.Count);
        Assert.True(bytes < 2_048, $"an index of 5 keys allocated {bytes:N0} bytes");
        // and it still grows past the segment and table sizes it started with
        for (var i = 0; i < 10_000; i++) index.Add(DedupeIndex.KeyOf("src", $"more-{i}"), 2_000 + i);
        Assert.Equal(10_005, index.Count);
        Assert.True(index.Contains(keys[0]) && index.Contains(DedupeIndex.KeyOf("src", "more-9999")));
        Assert.Equal(10_005, index.Entries.Count());
    }

    [Theory]
    [InlineData("bench", "profile0-0000001")]
    [InlineData("网格通", "告警-😀")]
    [InlineData("s", "")]
    public void A_key_is_the_first_128_bits_of_SHA256_over_source_newline_id(string source, string id)
    {
        // snapshots store these keys: the definition must not drift
        foreach (var longId in new[] { id, id + new string('x', 600) })
        {
            var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source + "\n" + longId));
            var expected = new UInt128(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
            Assert.Equal(expected, DedupeIndex.KeyOf(source, longId));
        }
    }
}

public class SegmentedQueueTests
{
    [Fact]
    public void Behaves_as_a_queue_across_segment_boundaries_and_when_emptied()
    {
        var rng = new Random(3);
        var q = new SegmentedQueue<int>();
        var expected = new Queue<int>();
        var next = 0;
        for (var step = 0; step < 200_000; step++)
        {
            // phases that fill (several segments), drain to empty, and hover around a boundary
            var fill = step / 20_000 % 3 switch { 0 => 0.7, 1 => 0.3, _ => 0.5 };
            if (expected.Count == 0 || rng.NextDouble() < fill)
            {
                q.Enqueue(next);
                expected.Enqueue(next++);
            }
            else
            {
                Assert.Equal(expected.Peek(), q.Peek());
                Assert.Equal(expected.Dequeue(), q.Dequeue());
            }
            Assert.Equal(expected.Count, q.Count);
            if (step % 9_973 == 0) Assert.Equal(expected, q);
        }
        while (expected.Count > 0) Assert.Equal(expected.Dequeue(), q.Dequeue());
        Assert.Empty(q);
        Assert.Throws<InvalidOperationException>(() => q.Dequeue());
        q.Enqueue(7);
        Assert.Equal([7], q);
    }
}

public class KeySetTests
{
    [Theory]
    [InlineData(true)]  // random keys, as SHA-256 gives
    [InlineData(false)] // patterned keys: small integers, long probe runs if the hash were weak
    public void Behaves_as_a_set_through_growth_and_removals(bool random)
    {
        var rng = new Random(11);
        var set = new KeySet();
        var expected = new HashSet<UInt128>();
        var live = new List<UInt128>();
        UInt128 Next(int i) => random ? new UInt128((ulong)rng.NextInt64(), (ulong)rng.NextInt64()) : (UInt128)(ulong)i;
        for (var step = 0; step < 300_000; step++)
        {
            // mostly adds early, then churn: add new, remove old, re-add, query absent
            var roll = rng.NextDouble();
            if (live.Count == 0 || roll < (step < 100_000 ? 0.8 : 0.45))
            {
                var k = step % 50 == 0 && live.Count > 0 ? live[rng.Next(live.Count)] : Next(step); // sometimes a key already held
                var added = expected.Add(k);
                Assert.Equal(added, set.Add((ulong)(k >> 64), (ulong)k));
                if (added) live.Add(k);
            }
            else if (roll < 0.95)
            {
                var at = rng.Next(live.Count);
                var k = live[at];
                live[at] = live[^1];
                live.RemoveAt(live.Count - 1);
                Assert.Equal(expected.Remove(k), set.Remove((ulong)(k >> 64), (ulong)k));
            }
            else
            {
                var k = Next(-step - 1);
                Assert.Equal(expected.Contains(k), set.Contains((ulong)(k >> 64), (ulong)k));
            }
            Assert.Equal(expected.Count, set.Count);
        }
        foreach (var k in expected) Assert.True(set.Contains((ulong)(k >> 64), (ulong)k));
        foreach (var k in expected.ToList()) Assert.True(set.Remove((ulong)(k >> 64), (ulong)k));
        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void The_zero_key_is_a_key_like_any_other()
    {
        var set = new KeySet();
        Assert.False(set.Contains(0, 0));
        Assert.True(set.Add(0, 0));
        Assert.False(set.Add(0, 0));
        Assert.True(set.Contains(0, 0));
        Assert.Equal(1, set.Count);
        Assert.True(set.Remove(0, 0));
        Assert.False(set.Contains(0, 0));
        Assert.Equal(0, set.Count);
    }
}
