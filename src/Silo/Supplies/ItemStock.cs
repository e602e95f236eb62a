namespace CommandCenter.Supplies;

/// <summary>
/// One item at one depot: 库存 on hand (on the shelf), 已预留 reserved (promised to supply orders not yet delivered),
/// 最低储备 minimum. Available is what a new order may take; below minimum when available is under the minimum level.
/// </summary>
public sealed record ItemStock(string Item, int OnHand, int Reserved, int Minimum)
{
    /// <summary>What a new order may still take (never below zero, even after a count found less than was reserved).</summary>
    public int Available => Math.Max(0, OnHand - Reserved);

    /// <summary>短缺: a minimum is set and what is available has fallen under it.</summary>
    public bool BelowMinimum => Minimum > 0 && Available < Minimum;
}

/// <summary>A depot's stock and its supply orders, as its grain publishes it and a snapshot stores it.</summary>
public sealed record DepotSnapshot(string DepotId, List<ItemStock> Items, List<SupplyOrderRecord> Orders);
