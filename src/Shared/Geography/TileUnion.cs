namespace CommandCenter.Geography;

/// <summary>
/// Union of polygons that tile exactly (neighbours share vertices and edges bit for bit), such as the
/// grids (网格) of one community. An edge used by exactly one tile is a boundary edge; boundary edges
/// are chained into closed rings. Counter-clockwise rings are outer boundaries, clockwise ones holes;
/// the result may be a MultiPolygon with holes.
/// </summary>
public static class TileUnion
{
    public static AreaShape Outline(IEnumerable<IReadOnlyList<GeoPoint>> tiles)
    {
        // Directed edges with the interior on the left; an edge met in both directions is interior.
        var live = new HashSet<(GeoPoint A, GeoPoint B)>();
        var order = new List<(GeoPoint A, GeoPoint B)>();
        foreach (var ring in tiles)
        {
            var ccw = AreaLabel.SignedArea(ring) > 0;
            for (var i = 0; i < ring.Count; i++)
            {
                var (a, b) = (ring[i], ring[(i + 1) % ring.Count]);
                if (!ccw) (a, b) = (b, a);
                if (a == b) continue;
                if (!live.Remove((b, a)) && live.Add((a, b))) order.Add((a, b));
            }
        }
        var edges = order.Where(live.Contains).ToList();
        var outgoing = new Dictionary<GeoPoint, List<int>>();
        for (var i = 0; i < edges.Count; i++)
        {
            if (!outgoing.TryGetValue(edges[i].A, out var list)) outgoing[edges[i].A] = list = [];
            list.Add(i);
        }

        var rings = new List<List<GeoPoint>>();
        var used = new bool[edges.Count];
        for (var start = 0; start < edges.Count; start++)
        {
            if (used[start]) continue;
            used[start] = true;
            var ring = new List<GeoPoint>();
            var current = start;
            while (true)
            {
                ring.Add(edges[current].A);
                var next = NextEdge(edges, outgoing, used, current, start);
                if (next < 0 || next == start) break;
                used[next] = true;
                current = next;
            }
            SplitAtRepeats(ring, rings);
        }
        return Assemble(rings);
    }

    /// <summary>
    /// A traced ring can pass a vertex twice (a hole touching the outer boundary at one corner): cut it
    /// there into simple rings, so the outer part and the hole become separate rings.
    /// </summary>
    private static void SplitAtRepeats(List<GeoPoint> ring, List<List<GeoPoint>> rings)
    {
        var path = new List<GeoPoint>();
        var at = new Dictionary<GeoPoint, int>();
        foreach (var p in ring)
        {
            if (at.TryGetValue(p, out var first))
            {
                var loop = path.GetRange(first, path.Count - first);
                foreach (var q in loop) at.Remove(q);
                path.RemoveRange(first, path.Count - first);
                if (loop.Count >= 3) rings.Add(loop);
            }
            at[p] = path.Count;
            path.Add(p);
        }
        if (path.Count >= 3) rings.Add(path);
    }

    /// <summary>At a vertex with several boundary edges (two regions touching at a corner), take the
    /// leftmost turn: it keeps to the same side of the vertex, so every ring stays simple.</summary>
    private static int NextEdge(List<(GeoPoint A, GeoPoint B)> edges, Dictionary<GeoPoint, List<int>> outgoing, bool[] used, int current, int start)
    {
        var (a, v) = edges[current];
        if (!outgoing.TryGetValue(v, out var candidates)) return -1;
        double inX = v.Lon - a.Lon, inY = v.Lat - a.Lat;
        int best = -1;
        var bestTurn = double.NegativeInfinity;
        foreach (var e in candidates)
        {
            if (used[e] && e != start) continue;
            double outX = edges[e].B.Lon - v.Lon, outY = edges[e].B.Lat - v.Lat;
            var turn = Math.Atan2(inX * outY - inY * outX, inX * outX + inY * outY);
            if (turn > bestTurn) { bestTurn = turn; best = e; }
        }
        return best;
    }

    /// <summary>Each hole goes to the smallest outer ring that contains it.</summary>
    private static AreaShape Assemble(List<List<GeoPoint>> rings)
    {
        var outers = rings.Where(r => AreaLabel.SignedArea(r) > 0).OrderByDescending(AreaLabel.SignedArea).ToList();
        var polygons = outers.Select(o => new List<IReadOnlyList<GeoPoint>> { o }).ToList();
        foreach (var hole in rings.Where(r => AreaLabel.SignedArea(r) < 0))
        {
            // The midpoint of a hole edge is on no other boundary edge, so it is strictly in or out.
            var probe = new GeoPoint((hole[0].Lon + hole[1].Lon) / 2, (hole[0].Lat + hole[1].Lat) / 2);
            for (var k = outers.Count - 1; k >= 0; k--) // smallest first
                if (Geometry.RingContains(outers[k], probe)) { polygons[k].Add(hole); break; }
        }
        return new AreaShape(polygons.Select(p => (IReadOnlyList<IReadOnlyList<GeoPoint>>)p).ToList());
    }
}
