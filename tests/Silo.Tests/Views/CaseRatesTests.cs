using CommandCenter.Views;

namespace CommandCenter.Silo.Tests.Views;

/// <summary>Issue 14 item 5: no rate until there is a case to count (the screens show "—" and say why), never a false 0 %.</summary>
public sealed class CaseRatesTests
{
    [Fact]
    public void With_cases_flowing_but_none_closed_or_past_its_deadline_both_rates_are_undefined()
    {
        Assert.Null(CaseRates.OnTime(closedOnTime: 0, closed: 0, overdueOpen: 0));
        Assert.Null(CaseRates.Closure(closed: 0, open: 25));
        Assert.Null(CaseRates.Closure(closed: 0, open: 0));
    }

    [Fact]
    public void Closed_cases_give_both_rates()
    {
        Assert.Equal(0.75, CaseRates.OnTime(closedOnTime: 3, closed: 4, overdueOpen: 0));
        Assert.Equal(0.2, CaseRates.Closure(closed: 4, open: 16));
        Assert.Equal(1.0, CaseRates.Closure(closed: 4, open: 0));
    }

    [Fact]
    public void An_open_case_past_its_deadline_counts_against_the_on_time_rate_even_before_any_closure()
    {
        Assert.Equal(0.0, CaseRates.OnTime(closedOnTime: 0, closed: 0, overdueOpen: 2));
        Assert.Equal(0.6, CaseRates.OnTime(closedOnTime: 3, closed: 3, overdueOpen: 2));
        Assert.Null(CaseRates.Closure(closed: 0, open: 2));
    }
}
