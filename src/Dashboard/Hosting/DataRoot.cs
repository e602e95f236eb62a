namespace CommandCenter.Hosting;

/// <summary>
/// One folder for everything the host keeps on disk: accounts (users.json), issued API key digests (api-keys.json),
/// logs (logs/), the imported geography (geography/county.geojson), response plans (plans/&lt;id&gt;/v0001.json …); the scripts keep InfluxDB, Redis and the kiosk
/// token there too. <c>Data:Root</c> (<c>Data__Root</c>) sets it; unset, it is the repository's <c>.data</c> when the host
/// runs from a checkout (found by walking up to CommandCenter.sln from the working folder or the content root, so
/// <c>dotnet run --project src/Dashboard</c> uses the same folder as the scripts), else <c>.data</c> in the working folder
/// (the container's /app/.data). A file setting of its own (Accounts:File, Ingest:KeyFile, Logging:Directory,
/// Geography:ImportFile, Plans:Folder) still wins.
/// </summary>
public static class DataRoot
{
    public const string Key = "Data:Root";

    /// <summary>Resolves the root and gives every data file its default under it (only where not configured).</summary>
    public static string Apply(IConfigurationManager config, string contentRoot)
    {
        var root = Resolve(config[Key], Directory.GetCurrentDirectory(), contentRoot);
        var defaults = new Dictionary<string, string?>
        {
            [Key] = root,
            ["Accounts:File"] = Path.Combine(root, "users.json"),
            ["Ingest:KeyFile"] = Path.Combine(root, "api-keys.json"),
            ["Logging:Directory"] = Path.Combine(root, "logs"),
            ["Geography:ImportFile"] = Path.Combine(root, "geography", "county.geojson"),
            ["Plans:Folder"] = Path.Combine(root, "plans"),
        };
        foreach (var key in defaults.Keys.ToList())
            if (key != Key && !string.IsNullOrEmpty(config[key])) defaults.Remove(key);
        config.AddInMemoryCollection(defaults);
        return root;
    }

    /// <summary>The configured root (made absolute), or the checkout's .data, or .data in the working folder.</summary>
    public static string Resolve(string? configured, string workingFolder, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured, workingFolder);
        var checkout = RepositoryOf(workingFolder) ?? RepositoryOf(contentRoot);
        return Path.Combine(checkout ?? workingFolder, ".data");
    }

    private static string? RepositoryOf(string folder)
    {
        for (var d = new DirectoryInfo(Path.GetFullPath(folder)); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "CommandCenter.sln"))) return d.FullName;
        return null;
    }
}
