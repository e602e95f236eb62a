namespace CommandCenter.Basemap;

/// <summary>
/// Writes one Mapbox Vector Tile (MVT 2.1, protobuf) by hand: layers of features, each with a geometry of
/// command integers (MoveTo/LineTo/ClosePath, zigzag deltas) in tile units (0..extent) and string/number tags.
/// Small on purpose: only what the basemap needs (points, lines, polygons; string and integer values).
/// </summary>
public sealed class VectorTileEncoder
{
    public const int Extent = 4096;
    private readonly List<LayerBuilder> _layers = [];

    public enum Kind { Point = 1, Line = 2, Polygon = 3 }

    /// <summary>A feature in tile units: a point is one part of one point; a line one part per line; a polygon its rings (outer clockwise on screen, holes after).</summary>
    public sealed record Feature(Kind Kind, IReadOnlyList<IReadOnlyList<(int X, int Y)>> Parts, IReadOnlyList<KeyValuePair<string, object>> Properties);

    public bool IsEmpty => _layers.All(l => l.Features.Count == 0);

    public void Add(string layer, Feature feature)
    {
        var builder = _layers.Find(l => l.Name == layer);
        if (builder is null) _layers.Add(builder = new LayerBuilder(layer));
        builder.Features.Add(feature);
    }

    public byte[] ToBytes()
    {
        var tile = new ProtoWriter();
        foreach (var layer in _layers.Where(l => l.Features.Count > 0))
            tile.Message(3, layer.Encode());
        return tile.ToArray();
    }

    private sealed class LayerBuilder(string name)
    {
        public string Name { get; } = name;
        public List<Feature> Features { get; } = [];

        public byte[] Encode()
        {
            var keys = new List<string>();
            var values = new List<object>();
            var w = new ProtoWriter();
            w.Varint(15, 2); // version
            w.String(1, Name);
            ulong id = 0;
            foreach (var f in Features)
            {
                var tags = new List<uint>();
                foreach (var (k, v) in f.Properties)
                {
                    var ki = keys.IndexOf(k);
                    if (ki < 0) { ki = keys.Count; keys.Add(k); }
                    var vi = values.FindIndex(x => x.Equals(v));
                    if (vi < 0) { vi = values.Count; values.Add(v); }
                    tags.Add((uint)ki); tags.Add((uint)vi);
                }
                var fw = new ProtoWriter();
                fw.Varint(1, ++id);
                fw.Packed(2, tags);
                fw.Varint(3, (ulong)f.Kind);
                fw.Packed(4, Geometry(f));
                w.Message(2, fw.ToArray());
            }
            foreach (var k in keys) w.String(3, k);
            foreach (var v in values)
            {
                var vw = new ProtoWriter();
                switch (v)
                {
                    case string s: vw.String(1, s); break;
                    case int i: vw.Varint(6, Zigzag(i)); break;
                    case long l: vw.Varint(6, Zigzag(l)); break;
                    case bool b: vw.Varint(7, b ? 1UL : 0UL); break;
                    default: throw new ArgumentException($"unsupported tag value {v.GetType().Name}");
                }
                w.Message(4, vw.ToArray());
            }
            w.Varint(5, Extent);
            return w.ToArray();
        }
    }

    private static List<uint> Geometry(Feature f)
    {
        var g = new List<uint>();
        int cx = 0, cy = 0;
        void Point((int X, int Y) p)
        {
            g.Add((uint)Zigzag(p.X - cx)); g.Add((uint)Zigzag(p.Y - cy));
            (cx, cy) = p;
        }
        if (f.Kind == Kind.Point)
        {
            var points = f.Parts.SelectMany(p => p).ToList();
            g.Add(Command(1, points.Count));
            foreach (var p in points) Point(p);
            return g;
        }
        foreach (var part in f.Parts)
        {
            // a polygon ring is closed by ClosePath, so its repeated last point is dropped
            var n = f.Kind == Kind.Polygon && part.Count > 1 && part[0] == part[^1] ? part.Count - 1 : part.Count;
            g.Add(Command(1, 1));
            Point(part[0]);
            g.Add(Command(2, n - 1));
            for (var i = 1; i < n; i++) Point(part[i]);
            if (f.Kind == Kind.Polygon) g.Add(Command(7, 1));
        }
        return g;
    }

    private static uint Command(int id, int count) => (uint)((id & 7) | (count << 3));
    private static ulong Zigzag(long n) => (ulong)((n << 1) ^ (n >> 63));

    /// <summary>The protobuf wire format: varints (type 0) and length-delimited fields (type 2).</summary>
    private sealed class ProtoWriter
    {
        private readonly MemoryStream _s = new();
        public byte[] ToArray() => _s.ToArray();

        private void Raw(ulong v)
        {
            while (v >= 0x80) { _s.WriteByte((byte)(v | 0x80)); v >>= 7; }
            _s.WriteByte((byte)v);
        }

        public void Varint(int field, ulong value) { Raw((ulong)(field << 3)); Raw(value); }

        public void Message(int field, byte[] bytes) { Raw((ulong)(field << 3 | 2)); Raw((ulong)bytes.Length); _s.Write(bytes); }

        public void String(int field, string s) => Message(field, System.Text.Encoding.UTF8.GetBytes(s));

        public void Packed(int field, List<uint> values)
        {
            if (values.Count == 0) return;
            var inner = new ProtoWriter();
            foreach (var v in values) inner.Raw(v);
            Message(field, inner.ToArray());
        }
    }
}
