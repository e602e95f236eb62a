using CommandCenter.Events;

namespace CommandCenter.Simulation;

/// <summary>
/// The Poisson process of new cases: 55% reported by an on-duty grid worker at their position (patrol
/// categories), 45% by the 12345 hotline (mostly the 接诉即办 category "hotline"). OverdueShare of them are
/// marked to blow their deadline; QuickShare of the hotline cases are settled on the phone within minutes (so the
/// demo's closure and on-time rates have closed cases to count from its first minutes).
/// </summary>
internal sealed class CaseArrivals : SimEntity
{
    private static readonly (string Category, int Weight)[] WorkerMix =
    [
        ("sanitation", 30), ("city_appearance", 25), ("safety_hazard", 15), ("road_traffic", 10),
        ("dispute", 10), ("fire_safety", 5), ("public_service", 5),
    ];

    public const double QuickShare = 0.5;

    public override void Fire(ScenarioContext ctx, DateTimeOffset at)
    {
        if (ctx.Sampler.Grids.Count > 0) Create(ctx, at).Fire(ctx, at);
        ctx.Schedule(this, at + ctx.NextArrival(ctx.Rates.CasesPerSecond));
    }

    private static CaseEntity Create(ScenarioContext ctx, DateTimeOffset at)
    {
        var overdue = ctx.Chance(ctx.Options.OverdueShare);
        if (ctx.Chance(0.55) && ctx.Roster.RandomOnDuty(ctx, at) is { } worker)
            return new CaseEntity(ctx.NextCaseId(), WorkerCategory(ctx.Random), worker.Grid, worker.Position, at)
            {
                Overdue = overdue,
                Reporter = worker,
            };

        var category = ctx.Chance(0.7) ? "hotline" : WorkerCategory(ctx.Random);
        var grid = ctx.Sampler.RandomGrid();
        return new CaseEntity(ctx.NextCaseId(), category, grid, ctx.Sampler.PointIn(grid), at)
        {
            Overdue = overdue,
            Quick = !overdue && category == "hotline" && ctx.Chance(QuickShare),
        };
    }

    public static string WorkerCategory(Random random)
    {
        var roll = random.Next(100);
        foreach (var (category, weight) in WorkerMix)
        {
            if (roll < weight) return category;
            roll -= weight;
        }
        return WorkerMix[0].Category;
    }
}
