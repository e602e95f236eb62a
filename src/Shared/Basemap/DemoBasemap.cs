using CommandCenter.Geography;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Linemerge;

namespace CommandCenter.Basemap;

/// <summary>
/// The demo county's own basemap, generated from its geography and a seed like the grids are: the river 临江 crossing
/// the county west to east, four tributaries (溪), a reservoir (水库) in an outlying town, arterial roads along the street
/// boundaries and streets along the community boundaries, an expressway, a railway with its station (临江站), buildings
/// in the urban streets, hamlets and two hills. Layers and classes follow the OpenMapTiles schema, so the wall's style
/// reads a county's own OpenMapTiles file the same way. Deterministic: only <c>new Random(seed)</c> is used.
/// </summary>
public static class DemoBasemap
{
    public const int MinZoom = 8, MaxZoom = 14;

    /// <summary>Changes whenever the generator draws something different, so a stale file in the data folder is rebuilt.</summary>
    public const int Version = 2;

    private static readonly GeometryFactory Factory = new();

    public sealed record Basemap(IReadOnlyList<BasemapFeature> Features, (double MinLon, double MinLat, double MaxLon, double MaxLat) Bounds);

    /// <summary>Generates the features and writes them as an MBTiles file.</summary>
    public static BasemapTiler.Result Write(string path, CountyMap map, int seed)
    {
        var b = Generate(map, seed);
        return BasemapTiler.Write(path, b.Features, MinZoom, MaxZoom, b.Bounds, $"{map.County.Name} demo basemap");
    }

    public static Basemap Generate(CountyMap map, int seed)
    {
        var rng = new Random(seed);
        var (minLon, minLat, maxLon, maxLat) = map.County.Shape.Bounds;
        // the basemap goes well beyond the county's border: a screen shows the neighbours' land around it (a wide wall more so)
        var margin = Math.Max(maxLon - minLon, maxLat - minLat) * 0.25;
        var bounds = (minLon - margin, minLat - margin, maxLon + margin, maxLat + margin);
        var metre = 1 / (40_075_016.686 * Math.Cos((minLat + maxLat) / 2 * Math.PI / 180)); // world units per metre here
        var features = new List<BasemapFeature>();
        var height = maxLat - minLat;
        var midLat = (minLat + maxLat) / 2;
        double Jitter(double spread) => (rng.NextDouble() * 2 - 1) * spread;

        // 临江: a meandering river across the whole basemap, wider downstream (east)
        double p1 = rng.NextDouble() * 6.3, p2 = rng.NextDouble() * 6.3;
        double RiverLat(double t) => midLat + height * (0.13 * Math.Sin(2 * Math.PI * t * 1.3 + p1) + 0.04 * Math.Sin(2 * Math.PI * t * 3.4 + p2));
        var riverLonLat = Enumerable.Range(0, 61).Select(i => i / 60.0)
            .Select(t => new Coordinate(minLon - margin * 1.5 + t * (maxLon - minLon + margin * 3), RiverLat(t))).ToArray();
        var river = Line(Smooth(riverLonLat, 2));
        var riverWater = river.Buffer(190 * metre, 8);
        features.Add(new("water", riverWater, BasemapFeature.Tags(("class", "river")), MinZoom));
        features.Add(new("waterway", river, BasemapFeature.Tags(("class", "river"), ("name", "临江")), MinZoom));
        for (var i = 1; i <= 3; i++)
            features.Add(new("water_name", Point(riverLonLat[i * 15]), BasemapFeature.Tags(("class", "river"), ("name", "临江")), 9 + (i == 2 ? 0 : 2)));

        // the reservoir: in the outlying town farthest from the river, a little off its label
        var towns = map.Streets.Where(s => !s.Name.EndsWith("街道", StringComparison.Ordinal)).ToList();
        var town = (towns.Count > 0 ? towns : map.Streets.ToList())
            .OrderByDescending(s => Math.Abs(s.LabelPoint.Lat - RiverLat((s.LabelPoint.Lon - riverLonLat[0].X) / (riverLonLat[^1].X - riverLonLat[0].X)))).First();
        var north = town.LabelPoint.Lat > midLat ? 1 : -1;
        // a little outwards from the town's label (so the two names do not meet), still inside the county
        var (cLon, cLat) = ((minLon + maxLon) / 2, (minLat + maxLat) / 2);
        var lake = new Coordinate(town.LabelPoint.Lon + (town.LabelPoint.Lon - cLon) * 0.25, town.LabelPoint.Lat + (town.LabelPoint.Lat - cLat) * 0.25);
        if (!Geography.Geometry.Contains(map.County.Shape, new GeoPoint(lake.X, lake.Y)))
            lake = new Coordinate(town.LabelPoint.Lon + (cLon - town.LabelPoint.Lon) * 0.15, town.LabelPoint.Lat + (cLat - town.LabelPoint.Lat) * 0.15);
        var lakeRing = Enumerable.Range(0, 18).Select(i =>
        {
            var a = i * 2 * Math.PI / 18;
            var r = 1100 * metre * (0.7 + 0.5 * rng.NextDouble());
            var w = World(lake);
            return new Coordinate(w.X + r * Math.Cos(a) * 1.4, w.Y + r * Math.Sin(a));
        }).ToArray();
        var lakeShape = Factory.CreatePolygon(Close(Smooth(lakeRing, 3, closed: true)));
        var lakeName = DemoShort(town.Name) + "水库";
        features.Add(new("water", lakeShape, BasemapFeature.Tags(("class", "lake"), ("name", lakeName)), MinZoom));
        features.Add(new("water_name", Factory.CreatePoint(lakeShape.Centroid.Coordinate), BasemapFeature.Tags(("class", "lake"), ("name", lakeName)), 10));

        // four tributaries (溪) into the river, two from each bank; the first drains the reservoir
        string[] streams = ["白鹭溪", "桂溪", "青溪", "苕溪"];
        for (var i = 0; i < streams.Length; i++)
        {
            var fromNorth = i % 2 == 0;
            var start = i == 0 ? lake : new Coordinate(minLon + (maxLon - minLon) * (0.15 + 0.23 * i + Jitter(0.05)), fromNorth ? maxLat + margin * 0.5 : minLat - margin * 0.5);
            if (i == 0) fromNorth = north > 0;
            var t = (start.X + Jitter(0.03) - riverLonLat[0].X) / (riverLonLat[^1].X - riverLonLat[0].X);
            var end = new Coordinate(riverLonLat[0].X + t * (riverLonLat[^1].X - riverLonLat[0].X), RiverLat(t));
            var wiggle = rng.NextDouble() * 6.3;
            var points = Enumerable.Range(0, 13).Select(k => k / 12.0).Select(s => new Coordinate(
                start.X + (end.X - start.X) * s + 0.012 * Math.Sin(s * 9 + wiggle) * Math.Sin(Math.PI * s),
                start.Y + (end.Y - start.Y) * s)).ToArray();
            var stream = Line(Smooth(points, 2));
            features.Add(new("waterway", stream, BasemapFeature.Tags(("class", "stream"), ("name", streams[i])), 9));
            features.Add(new("water_name", Point(points[6]), BasemapFeature.Tags(("class", "stream"), ("name", streams[i])), 12));
        }

        // roads: arterials on the boundaries between streets, streets on those between communities
        var streetEdges = SharedEdges(map.Streets);
        var streetOf = map.Communities.ToDictionary(c => c.Code, c => map.Find(c.ParentCode!)!);
        var urbanEdges = SharedEdges(map.Communities.Where(c => streetOf[c.Code].Name.EndsWith("街道", StringComparison.Ordinal)).ToList());
        var ruralEdges = SharedEdges(map.Communities.Where(c => !streetOf[c.Code].Name.EndsWith("街道", StringComparison.Ordinal)).ToList());
        foreach (var road in Merge(streetEdges))
            features.Add(new("transportation", road, BasemapFeature.Tags(("class", "primary")), MinZoom + 1));
        foreach (var road in Merge(urbanEdges.Except(streetEdges)))
            features.Add(new("transportation", road, BasemapFeature.Tags(("class", "tertiary")), 11));
        foreach (var road in Merge(ruralEdges.Except(streetEdges)))
            features.Add(new("transportation", road, BasemapFeature.Tags(("class", "minor")), 12));

        // an expressway south-west to north-east, and the railway west to east north of the river, with its station
        var expressway = Line(Smooth(Enumerable.Range(0, 7).Select(k => k / 6.0).Select(s => new Coordinate(
            minLon - margin + s * (maxLon - minLon + 2 * margin), minLat - margin + s * (height + 2 * margin) + 0.02 * Math.Sin(s * 5 + p1))).ToArray(), 3));
        features.Add(new("transportation", expressway, BasemapFeature.Tags(("class", "motorway"), ("ref", "G60")), MinZoom));
        var railOffset = height * (0.22 + 0.05 * rng.NextDouble());
        var railPoints = Enumerable.Range(0, 9).Select(k => k / 8.0).Select(s => new Coordinate(
            minLon - margin + s * (maxLon - minLon + 2 * margin), midLat + railOffset + 0.03 * Math.Sin(s * 3.1 + p2))).ToArray();
        var railway = Line(Smooth(railPoints, 3));
        features.Add(new("transportation", railway, BasemapFeature.Tags(("class", "rail")), MinZoom));
        var centre = World(new Coordinate(map.Streets[0].LabelPoint.Lon, map.Streets[0].LabelPoint.Lat));
        var station = NetTopologySuite.Operation.Distance.DistanceOp.NearestPoints(railway, Factory.CreatePoint(centre))[0];
        features.Add(new("poi", Factory.CreatePoint(station), BasemapFeature.Tags(("class", "railway"), ("subclass", "station"), ("name", "临江站")), 10));
        features.Add(new("building", Rectangle(station, 220 * metre, 45 * metre, 0), BasemapFeature.Tags(("class", "station")), 12));

        // buildings in the urban streets: a few blocks around each grid's middle, off the water
        var water = riverWater.Union(lakeShape);
        foreach (var grid in map.Grids)
        {
            var street = streetOf[grid.ParentCode!];
            if (!street.Name.EndsWith("街道", StringComparison.Ordinal)) continue;
            var angle = rng.NextDouble() * 0.4 - 0.2;
            var count = 2 + rng.Next(5);
            for (var k = 0; k < count; k++)
            {
                var c = World(new Coordinate(grid.LabelPoint.Lon, grid.LabelPoint.Lat));
                var at = new Coordinate(c.X + Jitter(140) * metre, c.Y + Jitter(140) * metre);
                var block = Rectangle(at, (18 + rng.NextDouble() * 40) * metre, (12 + rng.NextDouble() * 22) * metre, angle);
                if (!block.Intersects(water)) features.Add(new("building", block, [], 13));
            }
        }

        // woods: on the two hills and over parts of the outlying towns, away from the urban streets
        var woods = new List<Coordinate> { new(lake.X + 0.03, lake.Y + north * 0.02), new(minLon + (maxLon - minLon) * 0.8, midLat - north * height * 0.42) };
        woods.AddRange(towns.Select(t => new Coordinate(t.LabelPoint.Lon + Jitter(0.02), t.LabelPoint.Lat + Jitter(0.02))));
        for (var i = 0; i < 6; i++)
            woods.Add(new Coordinate(minLon - margin * 0.6 + rng.NextDouble() * (maxLon - minLon + margin * 1.2), rng.Next(2) == 0 ? maxLat + margin * 0.5 : minLat - margin * 0.5));
        foreach (var at in woods)
        {
            var c = World(at);
            var size = (1500 + rng.NextDouble() * 2000) * metre;
            var ring = Enumerable.Range(0, 14).Select(i => (A: i * 2 * Math.PI / 14, R: size * (0.6 + 0.6 * rng.NextDouble())))
                .Select(p => new Coordinate(c.X + p.R * Math.Cos(p.A), c.Y + p.R * Math.Sin(p.A))).ToArray();
            var wood = Factory.CreatePolygon(Close(Smooth(ring, 3, closed: true))).Difference(water);
            if (!wood.IsEmpty) features.Add(new("landcover", wood, BasemapFeature.Tags(("class", "wood")), MinZoom));
        }

        // named places: the streets and towns, hamlets in the towns, two hills
        foreach (var s in map.Streets)
            features.Add(new("place", Point(new Coordinate(s.LabelPoint.Lon, s.LabelPoint.Lat)),
                BasemapFeature.Tags(("class", s.Name.EndsWith("街道", StringComparison.Ordinal) ? "suburb" : "town"), ("name", s.Name)), MinZoom));
        string[] families = ["沈", "王", "何", "俞", "郑", "施", "楼", "孙", "钱", "方"];
        string[] endings = ["家坞", "家埠", "家桥", "家畈", "家湾"];
        var hamletCells = map.Grids.Where(g => !streetOf[g.ParentCode!].Name.EndsWith("街道", StringComparison.Ordinal)).ToList();
        for (var i = 0; i < Math.Min(10, hamletCells.Count); i++)
        {
            var g = hamletCells[rng.Next(hamletCells.Count)];
            features.Add(new("place", Point(new Coordinate(g.LabelPoint.Lon + Jitter(0.004), g.LabelPoint.Lat + Jitter(0.004))),
                BasemapFeature.Tags(("class", "hamlet"), ("name", families[i] + endings[rng.Next(endings.Length)])), 11));
        }
        features.Add(new("mountain_peak", Point(new Coordinate(lake.X + 0.03, lake.Y + north * 0.02)), BasemapFeature.Tags(("class", "peak"), ("name", "青龙山")), 10));
        features.Add(new("mountain_peak", Point(new Coordinate(minLon + (maxLon - minLon) * 0.8, midLat - north * height * 0.42)), BasemapFeature.Tags(("class", "peak"), ("name", "凤凰山")), 10));
        return new Basemap(features, bounds);
    }

    private static string DemoShort(string townName) => townName.EndsWith("街道", StringComparison.Ordinal) ? townName[..^2] : townName.TrimEnd('镇', '乡');

    private static Coordinate World(Coordinate lonLat) => new(WebMercator.X(lonLat.X), WebMercator.Y(lonLat.Y));

    private static Point Point(Coordinate lonLat) => Factory.CreatePoint(World(lonLat));

    /// <summary>A line from lon/lat points (already smoothed) into world units.</summary>
    private static LineString Line(Coordinate[] lonLat) => Factory.CreateLineString(lonLat.Select(World).ToArray());

    private static Coordinate[] Close(Coordinate[] ring) => [.. ring, ring[0].Copy()];

    private static Polygon Rectangle(Coordinate c, double w, double h, double angle)
    {
        var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        Coordinate P(double dx, double dy) => new(c.X + dx * cos - dy * sin, c.Y + dx * sin + dy * cos);
        return Factory.CreatePolygon([P(-w / 2, -h / 2), P(w / 2, -h / 2), P(w / 2, h / 2), P(-w / 2, h / 2), P(-w / 2, -h / 2)]);
    }

    /// <summary>Chaikin's corner cutting: a jagged lattice edge or a coarse curve becomes a smooth road or river.</summary>
    private static Coordinate[] Smooth(Coordinate[] points, int iterations, bool closed = false)
    {
        for (var it = 0; it < iterations; it++)
        {
            var next = new List<Coordinate>();
            if (!closed) next.Add(points[0]);
            var n = closed ? points.Length : points.Length - 1;
            for (var i = 0; i < n; i++)
            {
                var (a, b) = (points[i], points[(i + 1) % points.Length]);
                next.Add(new Coordinate(0.75 * a.X + 0.25 * b.X, 0.75 * a.Y + 0.25 * b.Y));
                next.Add(new Coordinate(0.25 * a.X + 0.75 * b.X, 0.25 * a.Y + 0.75 * b.Y));
            }
            if (!closed) next.Add(points[^1]);
            points = [.. next];
        }
        return points;
    }

    private readonly record struct Edge(double X1, double Y1, double X2, double Y2)
    {
        public static Edge Of(GeoPoint a, GeoPoint b) =>
            (a.Lon, a.Lat).CompareTo((b.Lon, b.Lat)) <= 0 ? new(a.Lon, a.Lat, b.Lon, b.Lat) : new(b.Lon, b.Lat, a.Lon, a.Lat);
    }

    /// <summary>Edges on the boundary between two of the areas (an edge of one area only is the outer border).</summary>
    private static HashSet<Edge> SharedEdges(IReadOnlyList<Area> areas)
    {
        var owners = new Dictionary<Edge, int>();
        foreach (var area in areas)
            foreach (var polygon in area.Shape.Polygons)
                foreach (var ring in polygon)
                    for (var i = 0; i < ring.Count; i++)
                    {
                        var e = Edge.Of(ring[i], ring[(i + 1) % ring.Count]);
                        owners[e] = owners.GetValueOrDefault(e) + 1;
                    }
        return owners.Where(o => o.Value >= 2).Select(o => o.Key).ToHashSet();
    }

    /// <summary>Edges chained into the longest lines they form (in a fixed order), smoothed, in world units.</summary>
    private static IEnumerable<LineString> Merge(IEnumerable<Edge> edges)
    {
        var merger = new LineMerger();
        foreach (var e in edges.OrderBy(e => e.X1).ThenBy(e => e.Y1).ThenBy(e => e.X2).ThenBy(e => e.Y2))
            merger.Add(Factory.CreateLineString([new Coordinate(e.X1, e.Y1), new Coordinate(e.X2, e.Y2)]));
        return merger.GetMergedLineStrings().Cast<LineString>()
            .Select(l => Line(Smooth(l.Coordinates, 2)))
            .OrderBy(l => l.Coordinates[0].X).ThenBy(l => l.Coordinates[0].Y);
    }
}
