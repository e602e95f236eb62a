namespace CommandCenter.Storage;

/// <summary>
/// One point of line protocol, built fluently:
/// <c>new LinePoint("alarm").Tag("grid", code).Field("eventId", id).Field("level", 3L).At(unixNs)</c>.
/// Names are validated when added (see <see cref="LineProtocolText"/> for the exact rules); tags are
/// written sorted by key, fields in the order added. High-cardinality values belong in fields, not tags.
/// </summary>
public sealed class LinePoint
{
    private readonly List<KeyValuePair<string, string>> _tags = new(4);
    private readonly List<KeyValuePair<string, string>> _fields = new(4); // key -> formatted value
    private bool _tagsSorted = true;

    public LinePoint(string measurement)
    {
        LineProtocolText.ValidateName(measurement, "Measurement", nameof(measurement));
        if (measurement[0] == '#')
            throw new ArgumentException($"Measurement '{measurement}' starts with '#': influxd reads that line as a comment and drops it.", nameof(measurement));
        Measurement = measurement;
    }

    public string Measurement { get; }

    /// <summary>Unix time in nanoseconds; null lets the server stamp the point.</summary>
    public long? TimestampNs { get; private set; }

    public int FieldCount => _fields.Count;

    /// <summary>Adds a tag. A null or empty value is omitted (line protocol has no empty tag values).</summary>
    public LinePoint Tag(string key, string? value)
    {
        LineProtocolText.ValidateKey(key, "Tag key", nameof(key));
        if (string.IsNullOrEmpty(value)) return this;
        LineProtocolText.ValidateTagValue(value, key, nameof(value));
        RefuseTwice(key);
        if (_tags.Count > 0 && string.CompareOrdinal(_tags[^1].Key, key) > 0) _tagsSorted = false;
        _tags.Add(new(key, value));
        return this;
    }

    /// <summary>Adds a string field; a null value is omitted, an empty string is stored.</summary>
    public LinePoint Field(string key, string? value)
    {
        if (value is null) { LineProtocolText.ValidateKey(key, "Field key", nameof(key)); return this; }
        return AddField(key, LineProtocolText.QuoteStringFieldValue(value));
    }

    /// <summary>Adds an integer field (written with the <c>i</c> suffix).</summary>
    public LinePoint Field(string key, long value) => AddField(key, LineProtocolText.FormatLong(value));

    /// <summary>Adds a float field; NaN and Infinity are rejected.</summary>
    public LinePoint Field(string key, double value) => AddField(key, LineProtocolText.FormatDouble(key, value));

    public LinePoint Field(string key, bool value) => AddField(key, LineProtocolText.FormatBool(value));

    /// <summary>Sets the timestamp in Unix nanoseconds.</summary>
    public LinePoint At(long unixNs)
    {
        if (unixNs is < LineProtocolText.MinTimestampNs or > LineProtocolText.MaxTimestampNs)
            throw new ArgumentOutOfRangeException(nameof(unixNs), unixNs, "Outside InfluxDB's time range.");
        TimestampNs = unixNs;
        return this;
    }

    /// <summary>Sets the timestamp (100 ns resolution of <see cref="DateTimeOffset"/>).</summary>
    public LinePoint At(DateTimeOffset time) => At((time - DateTimeOffset.UnixEpoch).Ticks * 100);

    /// <summary>Appends the point as one line of line protocol, without a trailing newline.</summary>
    public void WriteTo(LineBody body)
    {
        if (_fields.Count == 0)
            throw new InvalidOperationException($"Point '{Measurement}' has no fields; InfluxDB needs at least one.");
        if (!_tagsSorted)
        {
            _tags.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            _tagsSorted = true;
        }
        LineProtocolText.AppendMeasurement(body, Measurement);
        foreach (var tag in _tags)
        {
            body.AppendAscii(',');
            LineProtocolText.AppendKeyOrTagValue(body, tag.Key);
            body.AppendAscii('=');
            LineProtocolText.AppendKeyOrTagValue(body, tag.Value);
        }
        for (var i = 0; i < _fields.Count; i++)
        {
            body.AppendAscii(i == 0 ? ' ' : ',');
            LineProtocolText.AppendKeyOrTagValue(body, _fields[i].Key);
            body.AppendAscii('=');
            body.Append(_fields[i].Value);
        }
        if (TimestampNs is { } ts)
        {
            body.AppendAscii(' ');
            body.Append(ts);
        }
    }

    public override string ToString()
    {
        using var body = new LineBody(128);
        WriteTo(body);
        return body.ToString();
    }

    private LinePoint AddField(string key, string formatted)
    {
        LineProtocolText.ValidateKey(key, "Field key", nameof(key));
        RefuseTwice(key);
        _fields.Add(new(key, formatted));
        return this;
    }

    private void RefuseTwice(string key)
    {
        foreach (var t in _tags)
            if (t.Key == key) throw new ArgumentException($"'{key}' is already a tag or field of this point.", nameof(key));
        foreach (var f in _fields)
            if (f.Key == key) throw new ArgumentException($"'{key}' is already a tag or field of this point.", nameof(key));
    }
}
