namespace CommandCenter.Events;

/// <summary>
/// Case categories and their handling deadlines (处置时限), counted from the report.
/// An unknown category gets <see cref="DefaultDeadline"/>.
/// </summary>
public static class CaseCategories
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromHours(72);

    public static readonly IReadOnlyDictionary<string, (string Name, TimeSpan Deadline)> All =
        new Dictionary<string, (string, TimeSpan)>(StringComparer.Ordinal)
        {
            ["safety_hazard"] = ("安全隐患", TimeSpan.FromHours(4)),
            ["fire_safety"] = ("消防安全", TimeSpan.FromHours(2)),
            ["road_traffic"] = ("道路交通", TimeSpan.FromHours(8)),
            ["sanitation"] = ("环境卫生", TimeSpan.FromHours(24)),
            ["city_appearance"] = ("市容秩序", TimeSpan.FromHours(48)),
            ["dispute"] = ("矛盾纠纷", TimeSpan.FromHours(72)),
            ["public_service"] = ("民生服务", TimeSpan.FromHours(120)),
            ["hotline"] = ("12345接诉即办", TimeSpan.FromHours(24)),
        };

    public static TimeSpan DeadlineOf(string? category) =>
        category is not null && All.TryGetValue(category, out var c) ? c.Deadline : DefaultDeadline;
}
