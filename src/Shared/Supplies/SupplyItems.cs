namespace CommandCenter.Supplies;

/// <summary>
/// The emergency supplies (应急物资) a depot holds, by wire name: 沙袋 sandbags, 抽水泵 pumps, 帐篷 tents, 救生衣 lifejackets,
/// 发电机 generators, 饮用水 water (cases), 棉被 blankets, 应急照明灯 lights. Quantities are whole units of the item
/// (bags, pumps, tents, cases …); screens name items and units in the viewer's language (UiText Supply_*). In Shared: the
/// plans (a supplies step names an item) use the same list.
/// </summary>
public static class SupplyItems
{
    public static readonly string[] All = ["sandbags", "pumps", "tents", "lifejackets", "generators", "water", "blankets", "lights"];

    public static bool IsKnown(string? item) => item is not null && Array.IndexOf(All, item) >= 0;

    /// <summary>The largest quantity one event may carry (a count, a restock, an order): more is a typing slip.</summary>
    public const int MaxQuantity = 1_000_000;
}
