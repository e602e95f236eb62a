using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest;

namespace CommandCenter.Simulation;

/// <summary>
/// 应急物资储备: the county's warehouse system as the simulator plays it. At start it reports a stock count (盘点) and the
/// minimum level (最低储备) of every item at every supply depot — sandbags in thousands, pumps and generators a handful,
/// tents tens, life jackets and water hundreds — with a few depot items near or just under their minimum; then every
/// <see cref="SimulatorOptions.SupplyRestockEvery"/> one depot item is restocked (补充), the short ones first. Its own random
/// source (from the seed): the rest of the scenario draws as it did without it.
/// </summary>
internal sealed class DepotStocks : SimEntity
{
    /// <summary>Per item: typical count range at a depot, its minimum level, a restock lot.</summary>
    private static readonly (string Item, int Min, int Max, int Minimum, int Lot)[] Catalogue =
    [
        ("sandbags", 2500, 6000, 2000, 1000), ("pumps", 5, 12, 4, 2), ("tents", 25, 60, 20, 10), ("lifejackets", 120, 300, 100, 50),
        ("generators", 3, 6, 2, 1), ("water", 250, 600, 200, 100), ("blankets", 180, 400, 150, 50), ("lights", 40, 100, 30, 20),
    ];

    private readonly Random _random;
    private readonly List<Poi> _depots;
    private readonly Queue<(Poi Depot, int Item)> _short = new();

    public DepotStocks(ScenarioContext ctx)
    {
        _random = new Random(unchecked(ctx.Options.Seed * 37 + 5));
        _depots = [.. ctx.Map.Pois.Where(p => p.Kind == PoiKind.SupplyDepot)];
    }

    private bool _counted;

    /// <summary>The first count is due at once (as the scenario's first step), restocks after it.</summary>
    public void Start(ScenarioContext ctx, DateTimeOffset now)
    {
        if (_depots.Count > 0) ctx.Schedule(this, now);
    }

    private void Count(ScenarioContext ctx)
    {
        // a few depot items at or just under their minimum: the wall shows their warning from the start
        var low = new HashSet<(int, int)>();
        while (low.Count < Math.Min(4, _depots.Count * Catalogue.Length)) low.Add((_random.Next(_depots.Count), _random.Next(Catalogue.Length)));
        for (var d = 0; d < _depots.Count; d++)
            for (var i = 0; i < Catalogue.Length; i++)
            {
                var c = Catalogue[i];
                var count = low.Contains((d, i)) ? Math.Max(0, c.Minimum - 1 - _random.Next(Math.Max(1, c.Minimum / 5))) : _random.Next(c.Min, c.Max + 1);
                if (low.Contains((d, i))) _short.Enqueue((_depots[d], i));
                Emit(ctx, _depots[d], c.Item, count, "counted");
                Emit(ctx, _depots[d], c.Item, c.Minimum, "minimum");
            }
    }

    /// <summary>补充: the next short depot item (a lot that brings it over its minimum), else any one.</summary>
    public override void Fire(ScenarioContext ctx, DateTimeOffset at)
    {
        if (!_counted)
        {
            _counted = true;
            Count(ctx);
        }
        else if (_short.TryDequeue(out var low)) Emit(ctx, low.Depot, Catalogue[low.Item].Item, Catalogue[low.Item].Minimum, "restocked");
        else
        {
            var c = Catalogue[_random.Next(Catalogue.Length)];
            Emit(ctx, _depots[_random.Next(_depots.Count)], c.Item, c.Lot, "restocked");
        }
        ctx.Schedule(this, at + ctx.Options.SupplyRestockEvery);
    }

    private static void Emit(ScenarioContext ctx, Poi depot, string item, int quantity, string change) => ctx.Emit(new WireEvent
    {
        Id = ctx.NextEventId(), Type = EventType.StockChanged, OccurredAt = ctx.Now, Source = ctx.Source,
        DepotId = depot.Id, Item = item, Quantity = quantity, StockChange = change, Actor = "仓储系统",
    });
}
