using System.Globalization;

namespace CommandCenter.Storage;

/// <summary>
/// One row of a query result. Values come from JSON: strings, booleans, integers (as long; a float
/// field whose value is whole, e.g. 2.0, also arrives as an integer) and other numbers (as double).
/// Getters return null when the column is absent from the series or the value is null; a value of
/// another type throws <see cref="InvalidCastException"/>.
/// </summary>
public sealed class InfluxRow
{
    private readonly InfluxSeriesSchema _schema;
    private readonly object?[] _values;

    internal InfluxRow(InfluxSeriesSchema schema, object?[] values)
    {
        _schema = schema;
        _values = values;
    }

    /// <summary>Series name: the measurement for SELECT, e.g. "databases" for SHOW DATABASES.</summary>
    public string Measurement => _schema.Measurement;

    /// <summary>Tags of the series (GROUP BY tags); ungrouped tags are ordinary string columns.</summary>
    public IReadOnlyDictionary<string, string> Tags => _schema.Tags;

    public IReadOnlyList<string> Columns => _schema.Columns;

    public int StatementId => _schema.StatementId;

    /// <summary>The "time" column in Unix nanoseconds; 0 when the result has no time column.</summary>
    public long TimeNs => _schema.TimeIndex >= 0 && _values[_schema.TimeIndex] is long t ? t : 0;

    /// <summary>The raw value (string, long, double, bool or null).</summary>
    public object? this[string column] => _schema.IndexOf(column) is var i and >= 0 ? _values[i] : null;

    /// <summary>True when the column exists and holds a non-null value in this row.</summary>
    public bool Has(string column) => this[column] is not null;

    public string? GetString(string column) => this[column] switch
    {
        null => null,
        string s => s,
        var other => throw WrongType(column, other, "string"),
    };

    public long? GetLong(string column) => this[column] switch
    {
        null => null,
        long l => l,
        var other => throw WrongType(column, other, "integer"),
    };

    public double? GetDouble(string column) => this[column] switch
    {
        null => null,
        double d => d,
        long l => l,
        var other => throw WrongType(column, other, "number"),
    };

    public bool? GetBool(string column) => this[column] switch
    {
        null => null,
        bool b => b,
        var other => throw WrongType(column, other, "boolean"),
    };

    public override string ToString() =>
        $"{Measurement}{string.Concat(Tags.Select(t => $",{t.Key}={t.Value}"))} " +
        string.Join(" ", Columns.Select((c, i) => $"{c}={Convert.ToString(_values[i], CultureInfo.InvariantCulture)}"));

    private static InvalidCastException WrongType(string column, object value, string wanted) =>
        new($"Column '{column}' holds {value.GetType().Name} '{Convert.ToString(value, CultureInfo.InvariantCulture)}', not a {wanted}.");
}
