namespace CommandCenter.Shared.Tests.Basemap;

/// <summary>
/// A minimal MVT reader for the tests, written from the specification independently of the encoder: layers, features,
/// their tags (string and integer values) and their geometry decoded to tile units.
/// </summary>
public static class VectorTileDecoder
{
    public sealed record Feature(int Type, Dictionary<string, object> Tags, List<List<(int X, int Y)>> Parts);

    public sealed record Layer(string Name, int Extent, List<Feature> Features);

    public static List<Layer> Decode(byte[] tile)
    {
        var layers = new List<Layer>();
        foreach (var (field, _, bytes) in Fields(tile))
            if (field == 3) layers.Add(DecodeLayer(bytes!));
        return layers;
    }

    private static Layer DecodeLayer(byte[] data)
    {
        string name = "";
        var extent = 4096;
        var keys = new List<string>();
        var values = new List<object>();
        var raw = new List<byte[]>();
        foreach (var (field, v, bytes) in Fields(data))
            switch (field)
            {
                case 1: name = System.Text.Encoding.UTF8.GetString(bytes!); break;
                case 2: raw.Add(bytes!); break;
                case 3: keys.Add(System.Text.Encoding.UTF8.GetString(bytes!)); break;
                case 4:
                    foreach (var (vf, vv, vb) in Fields(bytes!))
                        values.Add(vf switch { 1 => System.Text.Encoding.UTF8.GetString(vb!), 6 => (object)(long)((vv >> 1) ^ (0 - (vv & 1))), 7 => vv != 0, _ => (long)vv });
                    break;
                case 5: extent = (int)v; break;
            }
        var features = new List<Feature>();
        foreach (var f in raw)
        {
            int type = 0;
            var tags = new Dictionary<string, object>();
            var parts = new List<List<(int, int)>>();
            foreach (var (field, v, bytes) in Fields(f))
            {
                if (field == 3) type = (int)v;
                if (field == 2) { var t = Packed(bytes!); for (var i = 0; i < t.Count; i += 2) tags[keys[(int)t[i]]] = values[(int)t[i + 1]]; }
                if (field == 4) parts = Geometry(Packed(bytes!));
            }
            features.Add(new Feature(type, tags, parts));
        }
        return new Layer(name, extent, features);
    }

    private static List<List<(int, int)>> Geometry(List<ulong> g)
    {
        var parts = new List<List<(int, int)>>();
        int x = 0, y = 0;
        for (var i = 0; i < g.Count;)
        {
            var (id, count) = ((int)(g[i] & 7), (int)(g[i] >> 3));
            i++;
            if (id == 7) continue;
            for (var k = 0; k < count; k++)
            {
                x += Unzig(g[i++]); y += Unzig(g[i++]);
                if (id == 1) parts.Add([]);
                parts[^1].Add((x, y));
            }
        }
        return parts;
    }

    private static int Unzig(ulong v) => (int)((long)(v >> 1) ^ -(long)(v & 1));

    private static List<ulong> Packed(byte[] data)
    {
        var list = new List<ulong>();
        var pos = 0;
        while (pos < data.Length) list.Add(Varint(data, ref pos));
        return list;
    }

    private static IEnumerable<(int Field, ulong Value, byte[]? Bytes)> Fields(byte[] data)
    {
        var pos = 0;
        while (pos < data.Length)
        {
            var key = Varint(data, ref pos);
            var (field, wire) = ((int)(key >> 3), (int)(key & 7));
            if (wire == 0) yield return (field, Varint(data, ref pos), null);
            else if (wire == 2)
            {
                var len = (int)Varint(data, ref pos);
                yield return (field, 0, data[pos..(pos + len)]);
                pos += len;
            }
            else throw new InvalidDataException($"wire type {wire} in a vector tile");
        }
    }

    private static ulong Varint(byte[] data, ref int pos)
    {
        ulong v = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[pos++];
            v |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return v;
        }
    }
}
