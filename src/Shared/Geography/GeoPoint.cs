namespace CommandCenter.Geography;

/// <summary>A position in CGCS2000 (treated as WGS84): longitude, latitude in degrees.</summary>
public readonly record struct GeoPoint(double Lon, double Lat)
{
    public override string ToString() => FormattableString.Invariant($"({Lon:0.######}, {Lat:0.######})");
}
