namespace CommandCenter.Audit;

/// <summary>
/// The county's local time for the audit trail (Asia/Shanghai). A local stand-in until the shared county
/// time-zone option is on main; then this should read that option instead.
/// </summary>
public static class CountyTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    public static DateTimeOffset FromLocal(DateTime local) => new(local, Zone.GetUtcOffset(local));
}
