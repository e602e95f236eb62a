using CommandCenter.Model;

namespace CommandCenter.Views;

/// <summary>
/// The figures of a community, street or the county, with the rates leaders are judged by:
/// patrol coverage, on-time handling (按期处置率), closure (结案率) — null until there is a case to count, see
/// <see cref="CaseRates"/> — and mean time to acknowledge.
/// </summary>
public sealed record AreaSummary(string Code, string Level, int Grids, IReadOnlyDictionary<string, long> Figures,
    double PatrolCoverage, double? OnTimeRate, double? ClosureRate, double? MeanAckSeconds, DateTimeOffset? OldestUnackedAt)
{
    public static AreaSummary Of(AreaTotals a)
    {
        var f = a.Figures;
        var closed = f[Figure.CasesClosed];
        var acks = f[Figure.AlarmsAcknowledged];
        return new AreaSummary(a.Code, a.Level.ToString().ToLowerInvariant(), a.GridCount, f.ToDictionary(),
            Ratio(f[Figure.GridsPatrolled], a.GridCount),
            CaseRates.OnTime(f[Figure.CasesClosedOnTime], closed, f[Figure.CasesOverdue]),
            CaseRates.Closure(closed, f.OpenCases),
            acks == 0 ? null : f[Figure.AckMillisTotal] / 1000.0 / acks,
            a.OldestUnackedAt);
    }

    private static double Ratio(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
