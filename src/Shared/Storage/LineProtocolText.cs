using System.Globalization;
using System.Text;

namespace CommandCenter.Storage;

/// <summary>
/// Escaping and validation for line protocol text. Rules checked against a real influxd 1.6.7:
/// <list type="bullet">
/// <item>Measurement: ',' and ' ' are escaped with a backslash ('=' needs none there).</item>
/// <item>Tag keys, tag values, field keys: ',', '=' and ' ' are escaped with a backslash.</item>
/// <item>Backslashes in those names are written as they are; influxd only strips a backslash that
/// precedes one of the escaped characters (and, in measurements and field keys, one before '"').
/// A backslash at the end, before another backslash or before ',', '=', ' ' or '"' cannot be carried
/// exactly (1.6.7 rejects the line, stores an unreadable measurement, drops the backslash, or keeps
/// "\\" as two characters where 2.x/3.x read one), so such names are rejected.</item>
/// <item>Names cannot contain '\n' or '\r' (a newline ends the line) nor NUL (InfluxQL cannot name it).</item>
/// <item>String field values: double quotes around, '"' and '\' escaped with a backslash. A newline is
/// written as a raw newline inside the quotes: influxd keeps it exactly, while "\n" would be stored as the
/// two characters backslash and n.</item>
/// </list>
/// </summary>
internal static class LineProtocolText
{
    internal const long MinTimestampNs = long.MinValue + 2; // influxd's valid time range
    internal const long MaxTimestampNs = long.MaxValue - 1;

    public static void AppendMeasurement(StringBuilder sb, string value) => AppendEscaped(sb, value, equalsToo: false);

    /// <summary>Tag keys, tag values and field keys.</summary>
    public static void AppendKeyOrTagValue(StringBuilder sb, string value) => AppendEscaped(sb, value, equalsToo: true);

    public static void AppendStringFieldValue(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') sb.Append('\\');
            sb.Append(c);
        }
        sb.Append('"');
    }

    public static string FormatDouble(string key, double value)
    {
        CheckFinite(key, value);
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    public static void CheckFinite(string key, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(nameof(value), value,
                $"Field '{key}': InfluxDB cannot store NaN or Infinity.");
    }

    /// <summary>Tag and field keys: a valid name, and not <c>time</c>.</summary>
    public static void ValidateKey(string key, string what, string paramName)
    {
        ValidateName(key, what, paramName);
        if (key == "time")
            throw new ArgumentException($"{what} 'time' is reserved: influxd rejects a tag and silently drops a field of that name.", paramName);
    }

    public static string FormatLong(long value) => value.ToString(CultureInfo.InvariantCulture) + "i";

    public static string FormatBool(bool value) => value ? "true" : "false";

    /// <summary>Throws <see cref="ArgumentException"/> if <paramref name="value"/> cannot be written exactly.</summary>
    public static void ValidateName(string? value, string what, string paramName)
    {
        if (string.IsNullOrEmpty(value))
            throw new ArgumentException($"{what} must not be empty.", paramName);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\n' or '\r' or '\0')
                throw new ArgumentException($"{what} '{Show(value)}' contains a line break or NUL; line protocol or InfluxQL cannot carry it.", paramName);
            if (c == '\\' && (i == value.Length - 1 || value[i + 1] is '\\' or ',' or '=' or ' ' or '"'))
                throw new ArgumentException(
                    $"{what} '{Show(value)}' has a backslash at the end or before '\\', ',', '=', ' ' or '\"'; " +
                    "line protocol cannot carry that exactly (influxd 1.6.7 rejects or alters it).", paramName);
        }
    }

    private static void AppendEscaped(StringBuilder sb, string value, bool equalsToo)
    {
        foreach (var c in value)
        {
            if (c is ',' or ' ' || (equalsToo && c == '=')) sb.Append('\\');
            sb.Append(c);
        }
    }

    private static string Show(string value) => value.Replace("\n", "\\n").Replace("\r", "\\r");
}
