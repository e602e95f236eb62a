namespace CommandCenter.Wall.Basemap;

/// <summary>
/// Config section "Wall:Basemap": the offline vector basemap under the grids. A county supplies its own MBTiles (or PMTiles) file
/// (OpenMapTiles schema: water, waterway, transportation, building, place…); with none, the demo county gets a generated
/// one in the data folder. Enabled=false switches the vector basemap off (Wall:TileUrl, a raster basemap, still works).
/// </summary>
public sealed class BasemapOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Path to the county's .mbtiles or .pmtiles (vector tiles, format pbf). Empty: the demo county's generated basemap, if the demo county runs.</summary>
    public string File { get; set; } = "";

    /// <summary>How long screens may cache a tile.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromHours(1);
}
