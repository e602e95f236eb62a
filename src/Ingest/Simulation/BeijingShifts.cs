namespace CommandCenter.Simulation;

/// <summary>The two shifts of grid workers in Beijing time (UTC+8): day 08:00–20:00, night 20:00–08:00.</summary>
internal static class BeijingShifts
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);
    public const int DayStartHour = 8, NightStartHour = 20;

    public static bool IsDay(DateTimeOffset t)
    {
        var hour = t.ToOffset(Offset).Hour;
        return hour is >= DayStartHour and < NightStartHour;
    }

    /// <summary>The first shift change strictly after <paramref name="t"/>.</summary>
    public static DateTimeOffset NextChange(DateTimeOffset t)
    {
        var local = t.ToOffset(Offset);
        var midnight = new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, Offset);
        foreach (var hour in new[] { DayStartHour, NightStartHour, DayStartHour + 24 })
        {
            var change = midnight.AddHours(hour);
            if (change > t) return change.ToUniversalTime();
        }
        throw new InvalidOperationException("unreachable");
    }
}
