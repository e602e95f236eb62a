namespace CommandCenter.Storage;

/// <summary>Name, tags and columns of one series in a result, shared by all its rows.</summary>
internal sealed class InfluxSeriesSchema
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();
    private readonly Dictionary<string, int> _index;

    public InfluxSeriesSchema(int statementId, string measurement, IReadOnlyDictionary<string, string>? tags, string[] columns)
    {
        StatementId = statementId;
        Measurement = measurement;
        Tags = tags ?? NoTags;
        Columns = columns;
        _index = new Dictionary<string, int>(columns.Length, StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++) _index.TryAdd(columns[i], i);
        TimeIndex = IndexOf("time");
    }

    public int StatementId { get; }
    public string Measurement { get; }
    public IReadOnlyDictionary<string, string> Tags { get; }
    public string[] Columns { get; }
    public int TimeIndex { get; }

    public int IndexOf(string column) => _index.TryGetValue(column, out var i) ? i : -1;
}
