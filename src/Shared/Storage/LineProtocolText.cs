using System.Buffers;
using System.Globalization;

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

    private static readonly SearchValues<char> MeasurementSpecials = SearchValues.Create(", ");
    private static readonly SearchValues<char> KeySpecials = SearchValues.Create(",= ");
    private static readonly SearchValues<char> StringFieldSpecials = SearchValues.Create("\"\\");
    private static readonly SearchValues<char> NameHazards = SearchValues.Create("\n\r\0\\");

    public static void AppendMeasurement(LineBody body, string value) => AppendEscaped(body, value, MeasurementSpecials);

    /// <summary>Tag keys, tag values and field keys.</summary>
    public static void AppendKeyOrTagValue(LineBody body, string value) => AppendEscaped(body, value, KeySpecials);

    public static void AppendStringFieldValue(LineBody body, string value)
    {
        body.AppendAscii('"');
        AppendEscaped(body, value, StringFieldSpecials);
        body.AppendAscii('"');
    }

    /// <summary>A string field value with its quotes, as text (for <see cref="LinePoint"/>, which keeps formatted values).</summary>
    public static string QuoteStringFieldValue(string value)
    {
        using var body = new LineBody(value.Length + 16);
        AppendStringFieldValue(body, value);
        return body.ToString();
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
        if (!IsWritableName(value)) ThrowBadName(value, what, paramName);
    }

    /// <summary><see cref="ValidateName"/> for a tag's value, the message built only when it fails (this runs for every stored event).</summary>
    public static void ValidateTagValue(string? value, string key, string paramName)
    {
        if (!IsWritableName(value)) ThrowBadName(value, $"Value of tag '{key}'", paramName);
    }

    private static bool IsWritableName(string? value)
    {
        if (string.IsNullOrEmpty(value)) return false;
        var first = value.AsSpan().IndexOfAny(NameHazards);
        return first < 0 || ProblemAt(value, first) < 0;
    }

    /// <summary>Where (from <paramref name="from"/> on) the name has a line break, a NUL or a backslash influxd cannot carry; -1 if nowhere.</summary>
    private static int ProblemAt(string value, int from)
    {
        for (var i = from; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\n' or '\r' or '\0') return i;
            if (c == '\\' && (i == value.Length - 1 || value[i + 1] is '\\' or ',' or '=' or ' ' or '"')) return i;
        }
        return -1;
    }

    private static void ThrowBadName(string? value, string what, string paramName)
    {
        if (string.IsNullOrEmpty(value))
            throw new ArgumentException($"{what} must not be empty.", paramName);
        if (value[ProblemAt(value, 0)] != '\\')
            throw new ArgumentException($"{what} '{Show(value)}' contains a line break or NUL; line protocol or InfluxQL cannot carry it.", paramName);
        throw new ArgumentException(
            $"{what} '{Show(value)}' has a backslash at the end or before '\\', ',', '=', ' ' or '\"'; " +
            "line protocol cannot carry that exactly (influxd 1.6.7 rejects or alters it).", paramName);
    }

    /// <summary>Writes <paramref name="value"/> with a backslash before each of <paramref name="specials"/> (all ASCII), in whole runs.</summary>
    private static void AppendEscaped(LineBody body, string value, SearchValues<char> specials)
    {
        var rest = value.AsSpan();
        for (var i = rest.IndexOfAny(specials); i >= 0; i = rest.IndexOfAny(specials))
        {
            body.Append(rest[..i]);
            body.AppendAscii('\\');
            body.AppendAscii(rest[i]);
            rest = rest[(i + 1)..];
        }
        body.Append(rest);
    }

    private static string Show(string value) => value.Replace("\n", "\\n").Replace("\r", "\\r");
}
