namespace CommandCenter.Model;

/// <summary>A fixed vector of <see cref="Figure"/> values: what a grain pushes up (as a delta) and what a parent sums.</summary>
public sealed class Figures : IEquatable<Figures>
{
    private readonly long[] _values = new long[FigureExtensions.Count];

    public long this[Figure f]
    {
        get => _values[(int)f];
        set => _values[(int)f] = value;
    }

    public bool IsZero => Array.TrueForAll(_values, v => v == 0);

    public long OpenAlarms => this[Figure.AlarmsOpenI] + this[Figure.AlarmsOpenII] + this[Figure.AlarmsOpenIII] + this[Figure.AlarmsOpenIV];
    public long UnackedAlarms => this[Figure.AlarmsUnackedI] + this[Figure.AlarmsUnackedII] + this[Figure.AlarmsUnackedIII] + this[Figure.AlarmsUnackedIV];
    public long OpenCases => this[Figure.CasesReported] + this[Figure.CasesAccepted] + this[Figure.CasesDispatched] +
                             this[Figure.CasesInProgress] + this[Figure.CasesHandled] + this[Figure.CasesVerified] + this[Figure.CasesReturned];

    public void Add(Figures other)
    {
        for (var i = 0; i < _values.Length; i++) _values[i] += other._values[i];
    }

    /// <summary>Sets this vector to <paramref name="after"/> − <paramref name="before"/> (no allocation).</summary>
    public void SetDifference(Figures after, Figures before)
    {
        for (var i = 0; i < _values.Length; i++) _values[i] = after._values[i] - before._values[i];
    }

    /// <summary>Makes this vector equal to <paramref name="other"/> (no allocation).</summary>
    public void CopyFrom(Figures other) => other._values.CopyTo(_values, 0);

    public Figures Copy()
    {
        var c = new Figures();
        _values.CopyTo(c._values, 0);
        return c;
    }

    internal long[] ToArray() => (long[])_values.Clone();

    /// <summary>From a stored vector; a shorter one (fewer figures when it was stored) is padded with zeros.</summary>
    internal static Figures FromArray(long[] values)
    {
        var f = new Figures();
        values.AsSpan(0, Math.Min(values.Length, f._values.Length)).CopyTo(f._values);
        return f;
    }

    public void Clear() => Array.Clear(_values);

    public IReadOnlyDictionary<string, long> ToDictionary()
    {
        var d = new Dictionary<string, long>(_values.Length);
        foreach (var f in Enum.GetValues<Figure>()) d[ToCamel(f.ToString())] = _values[(int)f];
        return d;
    }

    private static string ToCamel(string s) => char.ToLowerInvariant(s[0]) + s[1..];

    public bool Equals(Figures? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);
    public override bool Equals(object? obj) => Equals(obj as Figures);
    public override int GetHashCode() => _values.Aggregate(17L, (h, v) => h * 31 + v).GetHashCode();

    public override string ToString() =>
        string.Join(", ", Enum.GetValues<Figure>().Where(f => this[f] != 0).Select(f => $"{f}={this[f]}"));
}
