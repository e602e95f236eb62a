using System.Text;

namespace CommandCenter.Storage;

public sealed partial class InfluxClient
{
    /// <summary>
    /// A double-quoted InfluxQL identifier (measurement, tag, field, database): '\' and '"' escaped with
    /// a backslash. Line breaks are rejected (identifiers cannot hold them; see <see cref="LinePoint"/>).
    /// </summary>
    public static string QuoteIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.AsSpan().IndexOfAny('\n', '\r') >= 0)
            throw new ArgumentException("An InfluxQL identifier cannot contain a line break.", nameof(identifier));
        return Quote(identifier, '"');
    }

    /// <summary>
    /// A single-quoted InfluxQL string literal: '\' and '\'' escaped with a backslash, a newline written as
    /// \n (InfluxQL knows only the escapes \\ \' \" \n). A carriage return cannot be expressed in InfluxQL
    /// 1.x (raw it ends the literal, and there is no \r escape), so it is rejected: match such values
    /// with a regex instead.
    /// </summary>
    public static string QuoteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\r'))
            throw new ArgumentException("An InfluxQL string literal cannot contain a carriage return; use a regex (=~ /\\r/).", nameof(value));
        return Quote(value, '\'');
    }

    private static string Quote(string value, char quote)
    {
        var sb = new StringBuilder(value.Length + 2).Append(quote);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                default:
                    if (c == quote) sb.Append('\\');
                    sb.Append(c);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }
}
