using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Ingest;
using static CommandCenter.Silo.Tests.TestCounty;

namespace CommandCenter.Silo.Tests.Grains;

public class CaseTests
{
    private static readonly string G = Grid(2, 1, 3);

    [Fact]
    public void A_case_walks_the_closed_loop_and_counts_as_closed_on_time()
    {
        var m = NewModel();
        var t = T0;
        foreach (var s in new[] { CaseState.Reported, CaseState.Accepted, CaseState.Dispatched, CaseState.InProgress })
            Assert.Equal(IngestStatus.Accepted, m.Feed(Case(G, "c1", s, t = t.AddMinutes(10))).Status);
        Assert.Equal(1, m.County.Figures[Figure.CasesInProgress]);
        foreach (var s in new[] { CaseState.Handled, CaseState.Verified, CaseState.Closed })
            Assert.Equal(IngestStatus.Accepted, m.Feed(Case("", "c1", s, t = t.AddMinutes(10))).Status);
        Assert.Equal(0, m.County.Figures.OpenCases);
        Assert.Equal(1, m.County.Figures[Figure.CasesClosed]);
        Assert.Equal(1, m.County.Figures[Figure.CasesClosedOnTime]);
        Assert.Null(m.GridOfCase("c1"));
    }

    [Theory]
    [InlineData(CaseState.Reported, CaseState.Closed)]
    [InlineData(CaseState.Reported, CaseState.Dispatched)]
    [InlineData(CaseState.Accepted, CaseState.Handled)]
    [InlineData(CaseState.Verified, CaseState.Returned)]
    public void Illegal_moves_are_refused_with_the_legal_ones_named(CaseState reachedState, CaseState illegal)
    {
        var m = NewModel();
        var path = new[] { CaseState.Reported, CaseState.Accepted, CaseState.Dispatched, CaseState.InProgress, CaseState.Handled, CaseState.Verified };
        var t = T0;
        foreach (var s in path[..(Array.IndexOf(path, reachedState) + 1)]) m.Feed(Case(G, "c1", s, t = t.AddMinutes(1)));
        var before = m.County.Figures.Copy();
        var o = m.Feed(Case(G, "c1", illegal, t.AddMinutes(1)));
        Assert.Equal(IngestStatus.Rejected, o.Status);
        Assert.Equal("illegal_transition", o.Refusal!.Code);
        foreach (var legal in CaseTransitions.From(reachedState)) Assert.Contains(legal.ToWire(), o.Refusal.Message);
        Assert.Equal(before, m.County.Figures);
    }

    [Fact]
    public void A_case_must_start_reported_and_ids_are_unique_while_open()
    {
        var m = NewModel();
        Assert.Equal("unknown_case", m.Feed(Case(G, "c9", CaseState.Accepted, T0)).Refusal!.Code);
        m.Feed(Case(G, "c9", CaseState.Reported, T0));
        Assert.Equal("case_exists", m.Feed(Case(Grid(1, 1, 1), "c9", CaseState.Reported, T0)).Refusal!.Code);
    }

    [Fact]
    public void A_case_past_its_category_deadline_is_overdue_and_closing_late_is_not_on_time()
    {
        var m = NewModel();
        m.Feed(Case(G, "c1", CaseState.Reported, T0, category: "fire_safety")); // 2 h
        m.Tick(T0.AddHours(2).AddSeconds(-1));
        Assert.Equal(0, m.County.Figures[Figure.CasesOverdue]);
        m.Tick(T0.AddHours(2).AddSeconds(1));
        Assert.Equal(1, m.County.Figures[Figure.CasesOverdue]);
        Assert.Equal(StatusLevel.Attention, m.FindGrid(G)!.Level);
        var t = T0.AddHours(3);
        foreach (var s in new[] { CaseState.Accepted, CaseState.Dispatched, CaseState.InProgress, CaseState.Handled, CaseState.Verified, CaseState.Closed })
            m.Feed(Case(G, "c1", s, t = t.AddMinutes(1)));
        Assert.Equal(1, m.County.Figures[Figure.CasesClosed]);
        Assert.Equal(0, m.County.Figures[Figure.CasesClosedOnTime]);
        Assert.Equal(0, m.County.Figures[Figure.CasesOverdue]);
    }

    [Fact]
    public void Per_category_deadlines_can_be_configured()
    {
        var m = NewModel(new GrainOptions { CaseDeadlines = { ["sanitation"] = TimeSpan.FromMinutes(30) } });
        m.Feed(Case(G, "c1", CaseState.Reported, T0));
        m.Tick(T0.AddMinutes(31));
        Assert.Equal(1, m.County.Figures[Figure.CasesOverdue]);
    }

    [Fact]
    public void Returned_cases_can_be_dispatched_again_and_rejected_ones_are_counted()
    {
        var m = NewModel();
        var t = T0;
        foreach (var s in new[] { CaseState.Reported, CaseState.Accepted, CaseState.Dispatched, CaseState.Returned, CaseState.Dispatched })
            Assert.Equal(IngestStatus.Accepted, m.Feed(Case(G, "c1", s, t = t.AddMinutes(1))).Status);
        m.Feed(Case(G, "c2", CaseState.Reported, t));
        m.Feed(Case(G, "c2", CaseState.Rejected, t.AddMinutes(1)));
        Assert.Equal(1, m.County.Figures[Figure.CasesDispatched]);
        Assert.Equal(1, m.County.Figures[Figure.CasesRejected]);
    }
}
