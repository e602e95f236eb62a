namespace CommandCenter.Events;

/// <summary>
/// What closing an incident does with its orders that are not done or cancelled (<c>incident_closed</c>'s
/// <see cref="CountyEvent.OpenOrders"/>): cancel them (the console sends the cancellations just before the close) or keep
/// them open deliberately (their units stay busy and the orders can still move). Null on older events: let go.
/// </summary>
public static class OpenOrderChoice
{
    public const string Cancel = "cancel";
    public const string Keep = "keep";
    public static bool IsValid(string? s) => s is Cancel or Keep;
}
