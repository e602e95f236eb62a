using CommandCenter.Localization;
using Microsoft.Extensions.Localization;

namespace CommandCenter.Maps;

/// <summary>A code in the viewer's words (UiText's "Prefix_code"), or the code itself when there is no word for it (js/i18n.js t(key, fallback)).</summary>
public static class CardWords
{
    public static readonly string[] Roman = ["", "I", "II", "III", "IV"];

    public static string Word(this IStringLocalizer<UiText> t, string prefix, string code)
    {
        var s = t[prefix + code];
        return s.ResourceNotFound ? code : s.Value;
    }

    public static string RomanOf(int level) => level is >= 1 and <= 4 ? Roman[level] : level.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
