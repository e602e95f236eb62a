using Microsoft.Extensions.Localization;
using CommandCenter.Localization;

namespace CommandCenter.Maps;

/// <summary>An age or a wait as the panels write it (js/panels.js age): 42秒, 3分07秒, 2小时5分钟.</summary>
public static class CardAge
{
    public static string Format(TimeSpan span, IStringLocalizer<UiText> t)
    {
        var s = Math.Max(0, (long)Math.Floor(span.TotalSeconds));
        if (s < 60) return $"{s}{t["Seconds"]}";
        var m = s / 60;
        if (m < 60) return $"{m}{t["MinuteShort"]}{s % 60:00}{t["Seconds"]}";
        return $"{m / 60}{t["Hours"]}{m % 60}{t["Minutes"]}";
    }
}
