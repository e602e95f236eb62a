using System.Diagnostics;
using CommandCenter.Basemap;
using CommandCenter.Geography;
using CommandCenter.Hosting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Wall.Basemap;

/// <summary>
/// Which vector basemap this host serves, decided once at start: the configured MBTiles or PMTiles file, else (demo county only)
/// the demo basemap generated into {Data:Root}/basemap on first start (a few seconds, then reused), else none.
/// </summary>
public sealed class BasemapSource
{
    public BasemapSource(IOptions<WallOptions> wall, GeographySource geography, GeographyOptions geographyOptions, CountyMap map,
        IConfiguration config, ILogger<BasemapSource> log)
    {
        var options = wall.Value.Basemap;
        Options = options;
        if (!options.Enabled) return;
        try
        {
            if (options.File.Length > 0)
            {
                var reader = ITileSource.Open(options.File);
                if (reader.Info.Format is not ("pbf" or "mvt"))
                {
                    log.LogError("Basemap: {File} holds {Format} tiles; Wall:Basemap:File takes vector tiles (pbf/mvt). A raster basemap goes in Wall:LocalTileFolder or Wall:TileUrl",
                        reader.Path, reader.Info.Format);
                    return;
                }
                Reader = reader;
                log.LogInformation("Basemap: {File} ({Name}, zoom {Min}–{Max})", Reader.Path, Reader.Info.Name, Reader.Info.MinZoom, Reader.Info.MaxZoom);
                return;
            }
            if (geography.Kind != "demo") return; // a county's own geography and no basemap file: no basemap (the grids on dark)
            var folder = Path.Combine(config[DataRoot.Key] ?? ".data", "basemap");
            var scale = geographyOptions.DemoScale == 1 ? "" : $"-x{geographyOptions.DemoScale:0.##}";
            var path = Path.Combine(folder, $"demo-{geographyOptions.DemoSeed}{scale}-v{DemoBasemap.Version}.mbtiles");
            if (!System.IO.File.Exists(path))
            {
                Directory.CreateDirectory(folder);
                // an older generator's file for the same county is stale now
                foreach (var old in Directory.GetFiles(folder, $"demo-{geographyOptions.DemoSeed}{scale}-v*.mbtiles"))
                    System.IO.File.Delete(old);
                var clock = Stopwatch.StartNew();
                var result = DemoBasemap.Write(path, map, geographyOptions.DemoSeed);
                log.LogInformation("Basemap: generated the demo county's basemap {Path}: {Tiles} tiles, {KiB} KiB in {Ms} ms",
                    path, result.Tiles, result.Bytes / 1024, clock.ElapsedMilliseconds);
            }
            Reader = new MbTilesReader(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            // the wall still runs without a basemap: the grids and alarms are what matters
            log.LogError("Basemap: not served: {Error}", ex.Message);
            Reader = null;
        }
    }

    public BasemapOptions Options { get; }

    /// <summary>The tiles served, or null: no vector basemap.</summary>
    public ITileSource? Reader { get; }
}
