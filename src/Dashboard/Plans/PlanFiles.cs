using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace CommandCenter.Plans;

/// <summary>
/// Plan versions on disk: one JSON file per version, <c>&lt;folder&gt;/&lt;plan id&gt;/v0001.json</c>, never rewritten.
/// A version is written to a temporary file in the same folder and renamed into place without overwriting, so a
/// reader never sees half a file and two writers (even two hosts on one data folder) cannot both write version n.
/// </summary>
internal static class PlanFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), // the plans' Chinese readable in the file
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string FileOf(string folder, string id, int version) => Path.Combine(folder, id, $"v{version:D4}.json");

    /// <summary>Writes a new version; false (nothing written) when that version's file already exists.</summary>
    public static bool TryAppend(string folder, PlanDefinition plan)
    {
        var path = FileOf(folder, plan.Id, plan.Version);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path)) return false;
        var tmp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, plan, Json);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path)) { return false; } // another writer got this version first
        finally { if (File.Exists(tmp)) File.Delete(tmp); }
    }

    /// <summary>Every version of one plan found on disk, oldest first; a file that does not read as its own version is reported and skipped.</summary>
    public static List<PlanDefinition> ReadPlan(string folder, string id, Action<string, Exception?> skipped)
    {
        var versions = new List<PlanDefinition>();
        var dir = Path.Combine(folder, id);
        if (!Directory.Exists(dir)) return versions;
        foreach (var file in Directory.EnumerateFiles(dir, "v*.json"))
        {
            try
            {
                var plan = JsonSerializer.Deserialize<PlanDefinition>(File.ReadAllText(file), Json);
                if (plan is null || plan.Id != id || FileOf(folder, id, plan.Version) != file) { skipped(file, null); continue; }
                versions.Add(plan);
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException) { skipped(file, ex); }
        }
        versions.Sort((a, b) => a.Version.CompareTo(b.Version));
        return versions;
    }

    /// <summary>The highest version number among a plan's files, readable or not (0 when none): a new version goes past it.</summary>
    public static int HighestFileVersion(string folder, string id)
    {
        var dir = Path.Combine(folder, id);
        if (!Directory.Exists(dir)) return 0;
        return Directory.EnumerateFiles(dir, "v*.json")
            .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f).AsSpan(1), out var n) ? n : 0).DefaultIfEmpty(0).Max();
    }

    /// <summary>The ids of the plans stored (folder names that are valid plan ids).</summary>
    public static IEnumerable<string> PlanIds(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>().Where(n => PlanValidator.IsSlug(n, PlanVocabulary.MaxIdLength))
            : [];
}
