using CommandCenter.Geography;

namespace CommandCenter.Hosting;

/// <summary>Config section "Geography": the demo county, or the user's own GeoJSON files.</summary>
public sealed class GeographyOptions
{
    /// <summary>GeoJSON FeatureCollection files (county, streets, communities, grids, POIs); empty = the generated demo county.</summary>
    public List<string> GeoJsonFiles { get; set; } = [];
    public GeoJsonImportOptions Properties { get; set; } = new();
    public int DemoSeed { get; set; } = 20261124;

    public CountyMap Load()
    {
        if (GeoJsonFiles.Count == 0) return DemoCountyGenerator.Generate(DemoSeed);
        return GeoJsonImporter.FromFiles(GeoJsonFiles, Properties);
    }
}
