using System.CommandLine;
using PerformanceEval.Storage;

namespace PerformanceEval.Cli;

/// <summary><c>perfeval status [--db]</c>: documents by status and kind, forms by year, failed files with reasons.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show the store: documents by status and input kind, forms by year, and every failed file with its reason.")
        {
            StoreOptions.Db,
        };
        command.SetAction(p => Run(p.GetValue(StoreOptions.Db)!));
        return command;
    }

    private static int Run(string db)
    {
        if (!db.Contains('=') && !db.Contains("://") && !File.Exists(db))
        {
            Console.Error.WriteLine($"error: no store at {db} (run perfeval import first)");
            return ExitCodes.Usage;
        }
        var status = FormStore.Open(db).Status();
        var o = Console.Out;
        o.WriteLine($"  {"status",-8} {"files",8} {"contents",9}");
        foreach (var (s, files, documents) in status.ByStatus) o.WriteLine($"  {s,-8} {files,8} {documents,9}");
        o.WriteLine("by input kind");
        foreach (var (kind, s, n) in status.ByKind) o.WriteLine($"  {kind,-9} {s,-8} {n,8}");
        o.WriteLine($"forms {status.Forms}, findings {status.Findings}");
        o.WriteLine("forms by year");
        foreach (var (year, n) in status.ByYear) o.WriteLine($"  {year,-8} {n,8}");
        if (status.Failed.Count > 0)
        {
            o.WriteLine("failed");
            foreach (var (path, reason) in status.Failed) o.WriteLine($"  {path}: {reason}");
        }
        return ExitCodes.Ok;
    }
}
