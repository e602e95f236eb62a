namespace CommandCenter.Bench.Ingest;

/// <summary>A few sentences on what the figures mean, computed from them.</summary>
public static class Interpretation
{
    public static IEnumerable<string> Lines(IReadOnlyList<CellResult> durable, IReadOnlyDictionary<int, CellResult> raw)
    {
        yield break;
    }
}
