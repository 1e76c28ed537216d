using PerformanceEval.Ingestion;

namespace PerformanceEval.Cli;

/// <summary>What the command line's paths expand to: the files to read, and the paths that give none, each with why.</summary>
internal sealed record InputSet(List<string> Files, List<(string Path, string Reason)> Problems)
{
    /// <summary>Files that were reached more than once (a link to a file already listed, a linked folder) and read once.</summary>
    public int Duplicates { get; init; }
}

/// <summary>
/// Expands the command line's paths: a file as given, a folder recursively (hidden entries skipped), in a stable
/// order. Links are followed, each real file is listed once however many ways it is reached, and a linked folder is
/// walked once (a link loop ends there). FIFOs, devices and sockets stay in the list, so that each is recorded as a
/// failed input by name rather than skipped in silence — they are refused before they are opened, never read.
/// </summary>
internal static class InputFiles
{
    public static InputSet Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var problems = new List<(string, string)>();
        var seenFiles = new Dictionary<string, (List<string> List, string Path)>(StringComparer.Ordinal);
        var seenFolders = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;

        // The path a file is listed under is its own rather than a link's, wherever the link sorts.
        void AddFile(string path, List<string> into)
        {
            var real = InputPath.RealPath(path) ?? Path.GetFullPath(path);
            if (seenFiles.TryAdd(real, (into, path)))
            {
                into.Add(path);
                return;
            }
            duplicates++;
            var (list, kept) = seenFiles[real];
            if (IsLink(kept) && !IsLink(path) && list == into)
            {
                list[list.IndexOf(kept)] = path;
                seenFiles[real] = (list, path);
            }
        }

        foreach (var path in paths)
        {
            switch (InputPath.KindOf(path))
            {
                case InputPathKind.Missing:
                    problems.Add((path, IsLink(path) ? "a dangling or looping link" : "no such file or folder"));
                    break;
                case InputPathKind.Directory:
                    var found = new List<string>();
                    Walk(path, path, found, problems, seenFolders, AddFile);
                    if (found.Count == 0 && !problems.Any(p => p.Item1.StartsWith(path, StringComparison.Ordinal)))
                        problems.Add((path, "a folder that holds no input files"));
                    files.AddRange(found.Order(StringComparer.Ordinal));
                    break;
                default:
                    AddFile(path, files);
                    break;
            }
        }
        return new InputSet(files, problems) { Duplicates = duplicates };
    }

    private static void Walk(string root, string folder, List<string> found, List<(string, string)> problems,
        HashSet<string> seenFolders, Action<string, List<string>> addFile)
    {
        if (!seenFolders.Add(InputPath.RealPath(folder) ?? Path.GetFullPath(folder))) return;
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add((folder, $"the folder cannot be listed ({e.Message})"));
            return;
        }
        foreach (var entry in entries)
        {
            if (Path.GetFileName(entry).StartsWith('.')) continue;
            switch (InputPath.KindOf(entry))
            {
                case InputPathKind.Directory:
                    Walk(root, entry, found, problems, seenFolders, addFile);
                    break;
                case InputPathKind.Missing:
                    problems.Add((entry, "a dangling or looping link"));
                    break;
                default:
                    addFile(entry, found);
                    break;
            }
        }
    }

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
