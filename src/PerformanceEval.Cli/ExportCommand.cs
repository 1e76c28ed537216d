using System.CommandLine;
using PerformanceEval.Storage;

namespace PerformanceEval.Cli;

/// <summary><c>perfeval export [--db] [--out FILE] [--year Y] [--department D] [--with-findings]</c></summary>
internal static class ExportCommand
{
    private static readonly Option<int?> Year = new("--year") { Description = "Only forms of this year." };
    private static readonly Option<string?> Department = new("--department") { Description = "Only forms of this 主管部门 (either its printed or its canonical name, models/departments.json)." };
    private static readonly Option<bool> WithFindings = new("--with-findings") { Description = "Keep the checker's findings (otherwise written empty)." };

    public static Command Create()
    {
        var command = new Command("export", "Write the stored forms as cleaned JSON Lines in the contract; the same form exports byte-identical every time.")
        {
            StoreOptions.Db, CommonOptions.Out, Year, Department, WithFindings,
        };
        command.SetAction(p => Run(p.GetValue(StoreOptions.Db)!, p.GetValue(CommonOptions.Out), new ExportFilter(p.GetValue(Year),
            // The store groups by the canonical name: either spelling of a department finds its forms.
            PerformanceEval.Templates.DepartmentNames.Load(null).Canonical(p.GetValue(Department)), p.GetValue(WithFindings))));
        return command;
    }

    private static int Run(string db, string? outPath, ExportFilter filter)
    {
        if (!db.Contains('=') && !db.Contains("://") && !File.Exists(db))
        {
            Console.Error.WriteLine($"error: no store at {db} (run perfeval import first)");
            return ExitCodes.Usage;
        }
        var count = 0;
        using (var output = CommonOptions.OpenOutput(outPath))
            foreach (var line in FormStore.Open(db).Export(filter))
            {
                output.WriteLine(line);
                count++;
            }
        Console.Error.WriteLine($"exported {count} forms in contract version {PerformanceEval.Contract.CleanedForm.CurrentVersion}");
        return ExitCodes.Ok;
    }
}
