using System.Text;

namespace CommandCenter.Storage;

public sealed partial class InfluxClient
{
    /// <summary>
    /// A double-quoted InfluxQL identifier (measurement, tag, field, database): '\' and '"' escaped with
    /// a backslash. Line breaks and NUL are rejected (names cannot hold them; see <see cref="LinePoint"/>).
    /// </summary>
    public static string QuoteIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.AsSpan().IndexOfAny('\n', '\r', '\0') >= 0)
            throw new ArgumentException("An InfluxQL identifier cannot contain a line break or NUL.", nameof(identifier));
        return Quote(identifier, '"');
    }

    /// <summary>
    /// A single-quoted InfluxQL string literal: '\' and '\'' escaped with a backslash, a newline written as
    /// \n (InfluxQL 1.x knows only the escapes \\ \' \" \n). A carriage return or NUL cannot be expressed
    /// (raw they end the literal or the query, and there is no escape for them), so they are rejected:
    /// match such values with a regex instead.
    /// </summary>
    public static string QuoteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\r', '\0') >= 0)
            throw new ArgumentException("An InfluxQL string literal cannot contain a carriage return or NUL; use a regex (=~ /\\r/).", nameof(value));
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
