namespace PerformanceEval.Cli;

/// <summary>Expands the command line's paths: a file as given, a folder recursively (hidden entries skipped), in a stable order.</summary>
internal static class InputFiles
{
    public static (List<string> Files, List<string> Missing) Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var missing = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path)) files.Add(path);
            else if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetRelativePath(path, f).Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith('.')))
                    .Order(StringComparer.Ordinal));
            else missing.Add(path);
        }
        return (files, missing);
    }
}
