using CommandCenter.Geography;

namespace CommandCenter.Hosting;

/// <summary>Config section "Geography": the demo county, or the user's own GeoJSON files.</summary>
public sealed class GeographyOptions
{
    /// <summary>GeoJSON FeatureCollection files (county, streets, communities, grids, POIs); empty = the generated demo county.</summary>
    public List<string> GeoJsonFiles { get; set; } = [];
    public GeoJsonImportOptions Properties { get; set; } = new();
    public int DemoSeed { get; set; } = 20261124;

    /// <summary>The generated demo county at this many times its size (1–16; for capacity benchmarks: 4 ≈ 9,600 grids).</summary>
    public double DemoScale { get; set; } = 1;

    public CountyMap Load()
    {
        if (GeoJsonFiles.Count == 0) return DemoCountyGenerator.Generate(DemoSeed, DemoScale);
        return GeoJsonImporter.FromFiles(GeoJsonFiles, Properties);
    }
}
