using CommandCenter.Model;

namespace CommandCenter.Views;

/// <summary>Everything a grid holds, for the API and the console.</summary>
public sealed record GridDetail(GridSummary Summary, IReadOnlyDictionary<string, long> Figures,
    IReadOnlyList<AlarmRecord> Alarms, IReadOnlyList<CaseRecord> Cases, IReadOnlyList<WorkerPresence> Workers)
{
    public static GridDetail Of(GridState g) => new(GridSummary.Of(g), g.Figures.ToDictionary(),
        g.Alarms.OrderBy(a => a.RaisedAt).ToList(), g.Cases.OrderBy(c => c.ReportedAt).ToList(),
        g.Workers.OrderByDescending(w => w.CheckedInAt).ToList());
}
