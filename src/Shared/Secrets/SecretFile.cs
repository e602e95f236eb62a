namespace CommandCenter.Secrets;

/// <summary>
/// Files that hold secrets (the accounts file with password hashes, issued API key digests, the kiosk token):
/// owner-only on Unix — the file 0600, its folder 0700 — when written, and fixed on start when an older version
/// or a hand copy left them readable by others. Written atomically (a temporary file created 0600, then moved).
/// </summary>
public static class SecretFile
{
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void WriteAllText(string path, string text)
    {
        EnsureFolder(path);
        var tmp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile;
        using (var stream = new FileStream(tmp, options))
        using (var writer = new StreamWriter(stream)) writer.Write(text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tmp, OwnerOnlyFile); // an old .tmp kept its mode: Create does not change it
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>The file (if it exists) 0600 and its folder 0700, whatever they were.</summary>
    public static void Tighten(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        try { if (Directory.Exists(folder)) File.SetUnixFileMode(folder, OwnerOnlyFolder); }
        catch (UnauthorizedAccessException) { } // a folder someone else owns (e.g. /tmp): the file's own mode still protects it
        if (File.Exists(path)) File.SetUnixFileMode(path, OwnerOnlyFile);
    }

    private static void EnsureFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows()) { Directory.CreateDirectory(folder); return; }
        Directory.CreateDirectory(folder, OwnerOnlyFolder);
        File.SetUnixFileMode(folder, OwnerOnlyFolder); // CreateDirectory leaves an existing folder as it was
    }
}
