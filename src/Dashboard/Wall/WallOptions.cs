namespace CommandCenter.Wall;

/// <summary>Config section "Wall": the big screen (大屏).</summary>
public sealed class WallOptions
{
    /// <summary>Read-only kiosk token: the wall opens with /wall?token=… (then a cookie). Empty: the wall is refused.</summary>
    public string KioskToken { get; set; } = "";

    /// <summary>Fly to a new critical alarm, hold, and fly back.</summary>
    public bool FlyToCritical { get; set; } = true;

    /// <summary>Optional raster tile URL template (a local XYZ folder served by this host, or 天地图 with its key); empty = no basemap.</summary>
    public string TileUrl { get; set; } = "";
    public string TileAttribution { get; set; } = "";

    /// <summary>The offline vector basemap (an MBTiles file, or the demo county's generated one): Wall:Basemap.</summary>
    public Basemap.BasemapOptions Basemap { get; set; } = new();

    /// <summary>A local folder of XYZ tiles ({z}/{x}/{y}.png) served at /tiles/ when set.</summary>
    public string LocalTileFolder { get; set; } = "";

    /// <summary>
    /// The deployed version the screens compare on every reconnect; when it changes they reload themselves.
    /// Empty: the build's own id (changes with every build).
    /// </summary>
    public string Build { get; set; } = "";

    /// <summary>A card opened by a click on the map (grid, alarm, unit, point of interest) closes by itself after this: a kiosk has nobody to close it.</summary>
    public TimeSpan CardCloseAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often batched deltas go out to the screens.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>With nothing new, a heartbeat delta goes out this often, so a screen can tell live from stale.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);
}
