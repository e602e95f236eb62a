using CommandCenter.Geography;

namespace CommandCenter.Hosting;

/// <summary>
/// Config section "Geography": the user's own GeoJSON files (explicit configuration wins), else the file an
/// admin imported through the admin page (<see cref="ImportFile"/>), else the generated demo county.
/// </summary>
public sealed class GeographyOptions
{
    /// <summary>GeoJSON FeatureCollection files (county, streets, communities, grids, POIs).</summary>
    public List<string> GeoJsonFiles { get; set; } = [];
    public GeoJsonImportOptions Properties { get; set; } = new();
    public int DemoSeed { get; set; } = 20261124;

    /// <summary>Where an admin's import is kept (normalised GeoJSON); read at the next start.</summary>
    public string ImportFile { get; set; } = Path.Combine(".data", "geography", "county.geojson");

    public string ImportPath => Path.GetFullPath(ImportFile);

    public CountyMap Load() => Load(out _);

    public CountyMap Load(out GeographySource source)
    {
        if (GeoJsonFiles.Count > 0)
        {
            source = new GeographySource("files", string.Join(", ", GeoJsonFiles), DateTimeOffset.UtcNow);
            return GeoJsonImporter.FromFiles(GeoJsonFiles, Properties);
        }
        if (File.Exists(ImportPath))
        {
            source = new GeographySource("imported", ImportPath, File.GetLastWriteTimeUtc(ImportPath));
            return GeoJsonImporter.FromFiles([ImportPath]);
        }
        source = new GeographySource("demo", $"seed {DemoSeed}", DateTimeOffset.UtcNow);
        return DemoCountyGenerator.Generate(DemoSeed);
    }
}

/// <summary>Where the running county's geography came from: "files" (configuration), "imported" (admin page) or "demo".</summary>
public sealed record GeographySource(string Kind, string Detail, DateTimeOffset Version);
