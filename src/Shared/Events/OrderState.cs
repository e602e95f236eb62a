using System.Text.Json.Serialization;

namespace CommandCenter.Events;

/// <summary>A dispatch order (调度指令): 已下达 → 已接收 → 出发 → 到场 → 完成, or 取消 at any point before done.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderState>))]
public enum OrderState
{
    [JsonStringEnumMemberName("ordered")] Ordered,
    [JsonStringEnumMemberName("acknowledged")] Acknowledged,
    [JsonStringEnumMemberName("en_route")] EnRoute,
    [JsonStringEnumMemberName("on_scene")] OnScene,
    [JsonStringEnumMemberName("done")] Done,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>The one table of legal order moves; anything else is refused.</summary>
public static class OrderTransitions
{
    private static readonly Dictionary<OrderState, OrderState[]> Legal = new()
    {
        [OrderState.Ordered] = [OrderState.Acknowledged, OrderState.Cancelled],
        [OrderState.Acknowledged] = [OrderState.EnRoute, OrderState.Cancelled],
        [OrderState.EnRoute] = [OrderState.OnScene, OrderState.Cancelled],
        [OrderState.OnScene] = [OrderState.Done, OrderState.Cancelled],
        [OrderState.Done] = [],
        [OrderState.Cancelled] = [],
    };

    public static IReadOnlyList<OrderState> From(OrderState s) => Legal[s];
    public static bool IsLegal(OrderState from, OrderState to) => Array.IndexOf(Legal[from], to) >= 0;
    public static bool IsTerminal(OrderState s) => s is OrderState.Done or OrderState.Cancelled;
}
