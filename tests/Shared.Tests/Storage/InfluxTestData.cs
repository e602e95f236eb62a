using CommandCenter.Storage;

namespace CommandCenter.Shared.Tests.Storage;

internal static class InfluxTestData
{
    /// <summary>Strings a string field must store exactly.</summary>
    public static readonly string[] NastyStrings =
    [
        "plain", "", " ", "  leading and trailing  ", "a,b", "a=b", "a b", "a\"b", "\"", "\"\"", "a'b", "'",
        @"\", @"\\", @"a\b", @"end\", @"\""", "\\\"\\", "a\nb", "\n", "\n\n", "a\r\nb", "\r", "tab\there",
        @"a\nb (backslash n)", @"C:\new\table", "东城区 “引号” ‘单’ 【括号】，。", "😀 emoji 𠀋", "#hash", "=,  ,=",
        "null", "NaN", "1i", "true", "{\"json\":[1,2]}", "e\u0301 combining", "\u0001\u001f control", "\u00a0nbsp\u3000", "nul\0char",
        new string('长', 5000),
    ];

    /// <summary>Names (measurement, tag key/value, field key) with every character line protocol escapes.</summary>
    public static readonly string[] NastyNames =
    [
        "a,b", "a=b", "a b", "a\"b", "a'b", @"a\b", "tab\there", "东城区 网格", "#hash", " lead", "trail ",
        "😀", "a,b=c d\"e'f", "=", ",", " ", "\"", "'", @"\x", "e\u0301", "q\"\\x\"", "line\u2028sep", "\"lead", "trail\"",
    ];

    public static async Task<List<InfluxRow>> ToListAsync(this IAsyncEnumerable<InfluxRow> rows)
    {
        var list = new List<InfluxRow>();
        await foreach (var row in rows) list.Add(row);
        return list;
    }

    public static async Task<long> CountAsync(this InfluxClient client, string measurement, string field = "v")
    {
        var rows = await client.QueryAsync(
            $"SELECT COUNT({InfluxClient.QuoteIdentifier(field)}) FROM {InfluxClient.QuoteIdentifier(measurement)}").ToListAsync();
        return rows.Count == 0 ? 0 : rows[0].GetLong("count") ?? 0;
    }
}
