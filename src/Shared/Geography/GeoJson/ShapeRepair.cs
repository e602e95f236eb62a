using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace CommandCenter.Geography;

/// <summary>
/// 图形修复: make-valid for one polygon read from a published boundary file. First spikes are cut (a vertex
/// where the boundary runs out and straight back: zero area), then a polygon that is still not valid
/// (a bow-tie whose ring crosses itself, a ring that touches itself, a hole outside its shell) is rebuilt by
/// NetTopologySuite's GeometryFixer, which keeps every part of the area: a bow-tie becomes two polygons
/// (buffer(0) would drop one lobe). Each change is returned as a <see cref="RepairNote"/> in plain data.
/// </summary>
internal static class ShapeRepair
{
    /// <summary>The repaired polygons (each: outer ring then holes, closing position dropped), or an empty list
    /// when nothing with an area is left.</summary>
    public static List<List<IReadOnlyList<GeoPoint>>> Repair(List<List<GeoPoint>> rings, string where, List<RepairNote> notes)
    {
        var kept = new List<List<GeoPoint>>();
        for (var r = 0; r < rings.Count; r++)
        {
            var ring = rings[r];
            var spikes = CutSpikes(ring);
            if (spikes.Count > 0)
                notes.Add(new RepairNote(GeometryRepair.SpikeRemoved, $"{where}ring {r}".TrimStart(), spikes[0], spikes.Count));
            if (ring.Count >= 3) kept.Add(ring);
            else if (r == 0) return []; // the outer ring was nothing but a spike
        }

        var polygon = ToPolygon(kept);
        var validity = new IsValidOp(polygon);
        if (validity.IsValid) return [[.. kept.Select(k => (IReadOnlyList<GeoPoint>)k)]];

        var (kind, at, ringIndex) = Classify(kept, validity.ValidationError);
        var fixedGeometry = GeometryFixer.Fix(polygon);
        var parts = NtsShapes.Polygons(fixedGeometry);
        var label = ringIndex is { } ri ? $"{where}ring {ri}".TrimStart() : where.TrimEnd();
        notes.Add(new RepairNote(kind, label, at, 0, parts.Count, parts.Sum(p => p.Count - 1)));
        return parts;
    }

    /// <summary>Removes, in place, every vertex where the ring folds straight back (a spike: a → b → a, or
    /// b beyond a on the line back), and repeated positions left behind. Returns the tips removed.</summary>
    internal static List<GeoPoint> CutSpikes(List<GeoPoint> ring)
    {
        var tips = new List<GeoPoint>();
        var i = 0;
        while (ring.Count >= 3 && i < ring.Count)
        {
            var n = ring.Count;
            GeoPoint a = ring[(i + n - 1) % n], b = ring[i], c = ring[(i + 1) % n];
            if (b == a || b == c)
            {
                ring.RemoveAt(i);
                i = Math.Max(0, i - 1);
                continue;
            }
            var cross = (b.Lon - a.Lon) * (c.Lat - b.Lat) - (b.Lat - a.Lat) * (c.Lon - b.Lon);
            var dot = (b.Lon - a.Lon) * (c.Lon - b.Lon) + (b.Lat - a.Lat) * (c.Lat - b.Lat);
            if (cross == 0 && dot < 0)
            {
                tips.Add(b);
                ring.RemoveAt(i);
                i = Math.Max(0, i - 1); // the previous vertex may now be a spike tip itself
                continue;
            }
            i++;
        }
        return tips;
    }

    /// <summary>What kind of invalid: one ring crossing itself (bow-tie), one ring touching itself, or the
    /// rings of the polygon disagreeing with each other (hole outside or across its shell).</summary>
    private static (string Kind, GeoPoint At, int? Ring) Classify(List<List<GeoPoint>> rings, TopologyValidationError error)
    {
        for (var r = 0; r < rings.Count; r++)
        {
            var alone = new IsValidOp(ToPolygon([rings[r]]));
            if (alone.IsValid) continue;
            var at = new GeoPoint(alone.ValidationError.Coordinate.X, alone.ValidationError.Coordinate.Y);
            var kind = alone.ValidationError.ErrorType == TopologyValidationErrors.RingSelfIntersection
                ? GeometryRepair.SelfTouchingRingSplit
                : GeometryRepair.BowTieSplit;
            return (kind, at, r);
        }
        return (GeometryRepair.RingsMadeValid, new GeoPoint(error.Coordinate.X, error.Coordinate.Y), null);
    }

    private static Polygon ToPolygon(List<List<GeoPoint>> rings) => NtsShapes.ToPolygon(rings);
}
/// <summary>One change made to one polygon: kind (see <see cref="GeometryRepair"/>), which ring, where, and for a
/// rebuilt polygon how many polygons and holes came out of it.</summary>
internal sealed record RepairNote(string Kind, string Where, GeoPoint At, int Spikes, int PolygonsAfter = 1, int HolesAfter = 0);
