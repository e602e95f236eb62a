namespace CommandCenter.Storage;

/// <summary>
/// Writes points of line protocol straight into a write batch, with no object per point: the event log's hot
/// path (<see cref="InfluxClient.WriteAsync{T}"/>). The same rules as <see cref="LinePoint"/> (names validated,
/// escaping by <see cref="LineProtocolText"/>, at least one field, no key twice), with one difference: tags are
/// written as they come, so they must be given in ascending key order (influxd's own order) and before the fields.
/// </summary>
public sealed class LineWriter
{
    private LineBody? _body;

    /// <summary>One point as a line of text (no newline): for tests, benchmarks and ready-made lines.</summary>
    public static string ToLine(string measurement, Action<LineWriter> writePoint)
    {
        using var body = new LineBody(128);
        var w = new LineWriter();
        w.Begin(body, measurement);
        writePoint(w);
        w.End(measurement);
        return body.ToString();
    }

    private LineBody Body => _body ?? throw new InvalidOperationException("Begin a point first.");
    private readonly List<string> _keys = new(32); // of the current point, to refuse a key given twice
    private string? _lastTag;
    private int _fields;
    private bool _timed;

    /// <summary>Starts a point at the end of <paramref name="body"/>; then tags, fields, the time, and <see cref="End"/>.</summary>
    public void Begin(LineBody body, string measurement)
    {
        _body = body;
        LineProtocolText.ValidateName(measurement, "Measurement", nameof(measurement));
        if (measurement[0] == '#')
            throw new ArgumentException($"Measurement '{measurement}' starts with '#': influxd reads that line as a comment and drops it.", nameof(measurement));
        _keys.Clear();
        _lastTag = null;
        _fields = 0;
        _timed = false;
        LineProtocolText.AppendMeasurement(body, measurement);
    }

    /// <summary>Ends the point: it needs a field (the line's newline is the batch's).</summary>
    public void End(string measurement)
    {
        if (_fields == 0) throw new InvalidOperationException($"Point '{measurement}' has no fields; InfluxDB needs at least one.");
    }

    /// <summary>Adds a tag; keys in ascending ordinal order, before any field. A null or empty value is omitted.</summary>
    public LineWriter Tag(string key, string? value)
    {
        LineProtocolText.ValidateKey(key, "Tag key", nameof(key));
        if (string.IsNullOrEmpty(value)) return this;
        LineProtocolText.ValidateTagValue(value, key, nameof(value));
        if (_fields > 0) throw new InvalidOperationException($"Tag '{key}' comes after a field: tags go first.");
        if (_lastTag is not null && string.CompareOrdinal(_lastTag, key) >= 0)
            throw new InvalidOperationException($"Tag '{key}' comes after '{_lastTag}': give tags in ascending key order, each once.");
        Remember(key);
        _lastTag = key;
        var body = Body;
        body.AppendAscii(',');
        LineProtocolText.AppendKeyOrTagValue(body, key);
        body.AppendAscii('=');
        LineProtocolText.AppendKeyOrTagValue(body, value);
        return this;
    }

    /// <summary>Adds a string field; a null value is omitted, an empty string is stored.</summary>
    public LineWriter Field(string key, string? value)
    {
        if (value is null) { LineProtocolText.ValidateKey(key, "Field key", nameof(key)); return this; }
        FieldKey(key);
        LineProtocolText.AppendStringFieldValue(Body, value);
        return this;
    }

    /// <summary>Adds an integer field (written with the <c>i</c> suffix).</summary>
    public LineWriter Field(string key, long value)
    {
        FieldKey(key);
        Body.Append(value);
        Body.AppendAscii('i');
        return this;
    }

    /// <summary>Adds a float field; NaN and Infinity are rejected.</summary>
    public LineWriter Field(string key, double value)
    {
        LineProtocolText.CheckFinite(key, value);
        FieldKey(key);
        Body.Append(value);
        return this;
    }

    /// <summary>Sets the timestamp in Unix nanoseconds (after the fields; once).</summary>
    public void At(long unixNs)
    {
        if (unixNs is < LineProtocolText.MinTimestampNs or > LineProtocolText.MaxTimestampNs)
            throw new ArgumentOutOfRangeException(nameof(unixNs), unixNs, "Outside InfluxDB's time range.");
        if (_fields == 0 || _timed) throw new InvalidOperationException("The timestamp comes once, after the fields.");
        _timed = true;
        Body.AppendAscii(' ');
        Body.Append(unixNs);
    }

    private void FieldKey(string key)
    {
        LineProtocolText.ValidateKey(key, "Field key", nameof(key));
        if (_timed) throw new InvalidOperationException($"Field '{key}' comes after the timestamp.");
        Remember(key);
        var body = Body;
        body.AppendAscii(_fields++ == 0 ? ' ' : ',');
        LineProtocolText.AppendKeyOrTagValue(body, key);
        body.AppendAscii('=');
    }

    private void Remember(string key)
    {
        foreach (var k in _keys)
            if (string.Equals(k, key, StringComparison.Ordinal))
                throw new ArgumentException($"'{key}' is already a tag or field of this point.", nameof(key));
        _keys.Add(key);
    }
}
