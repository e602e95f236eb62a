namespace CommandCenter.Geography;

/// <summary>
/// One change the importer made to a feature's geometry instead of refusing it (see docs/decisions.md,
/// "Published boundary files are repaired"). Kind is a code the screens translate: spike_removed,
/// bow_tie_split, self_touching_ring_split, rings_made_valid. Where names the polygon/ring; Lon/Lat is where
/// the problem was found; Spikes counts the spike tips cut; PolygonsAfter/HolesAfter say what a rebuilt
/// polygon became; AreaKm2 is the feature's area after every repair.
/// </summary>
public sealed record GeometryRepair(
    string Source, int Index, string Code, string Name, string Kind, string Where,
    double Lon, double Lat, int Spikes, int PolygonsAfter, int HolesAfter, double AreaKm2)
{
    public const string SpikeRemoved = "spike_removed";
    public const string BowTieSplit = "bow_tie_split";
    public const string SelfTouchingRingSplit = "self_touching_ring_split";
    public const string RingsMadeValid = "rings_made_valid";

    /// <summary>One line in English for logs and the audit trail.</summary>
    public string Describe() => Kind switch
    {
        SpikeRemoved => FormattableString.Invariant($"{Code} {Name}: {Where}: {Spikes} spike(s) removed (first at {Lon:0.######}, {Lat:0.######})"),
        BowTieSplit => FormattableString.Invariant($"{Code} {Name}: {Where} crossed itself at {Lon:0.######}, {Lat:0.######}: split into {PolygonsAfter} polygon(s)"),
        SelfTouchingRingSplit => FormattableString.Invariant($"{Code} {Name}: {Where} touched itself at {Lon:0.######}, {Lat:0.######}: now {PolygonsAfter} polygon(s), {HolesAfter} hole(s)"),
        _ => FormattableString.Invariant($"{Code} {Name}: {Where}: rings made valid at {Lon:0.######}, {Lat:0.######}: now {PolygonsAfter} polygon(s), {HolesAfter} hole(s)"),
    } + string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; area {AreaKm2:0.###} km²");
}
