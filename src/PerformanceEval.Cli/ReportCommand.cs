using System.CommandLine;
using PerformanceEval.ReviewPage;
using PerformanceEval.Storage;

namespace PerformanceEval.Cli;

/// <summary><c>perfeval report --out FILE.xlsx|FILE.csv [--db] [--year Y] [--department D]</c></summary>
internal static class ReportCommand
{
    private static readonly Option<string> Out = new("--out")
    {
        Description = "The report to write: .xlsx (sheets 汇总 and 按规则) or .csv (汇总 only, UTF-8 with a BOM so Excel reads the Chinese).",
        Required = true,
    };

    private static readonly Option<int?> Year = new("--year") { Description = "Only forms of this year." };
    private static readonly Option<string?> Department = new("--department") { Description = "Only forms of this 主管部门 (its printed or its canonical name)." };

    public static Command Create()
    {
        var command = new Command("report",
            "Sum the store up by 主管部门 and year: forms, forms with findings, findings by severity and by rule, the yuan still at stake " +
            "(findings to decide or confirmed), and how far the review has gone (待审核, 已确认, 已驳回, 已更正消除).")
        {
            StoreOptions.Db, Out, Year, Department,
        };
        command.SetAction(p => Run(p.GetValue(StoreOptions.Db)!, p.GetValue(Out)!, new ExportFilter(p.GetValue(Year),
            PerformanceEval.Templates.DepartmentNames.Load(null).Canonical(p.GetValue(Department)))));
        return command;
    }

    private static int Run(string db, string outPath, ExportFilter filter)
    {
        var kind = Path.GetExtension(outPath).ToLowerInvariant();
        if (kind is not (".xlsx" or ".csv"))
        {
            Console.Error.WriteLine($"error: {outPath}: the report is written as .xlsx or .csv");
            return ExitCodes.Usage;
        }
        if (!db.Contains('=') && !db.Contains("://") && !File.Exists(db))
        {
            Console.Error.WriteLine($"error: no store at {db} (run perfeval import first)");
            return ExitCodes.Usage;
        }
        var summary = FormStore.Open(db).Summary(filter);
        // Written beside the target and moved over it: an interrupted run leaves no half workbook under its name.
        var temp = outPath + ".part";
        using (var output = File.Create(temp))
        {
            if (kind == ".xlsx") SummaryWorkbook.WriteXlsx(summary, output);
            else SummaryWorkbook.WriteCsv(summary, output);
        }
        File.Move(temp, outPath, overwrite: true);
        Console.Error.WriteLine($"{outPath}: {summary.ByDepartmentYear.Count} department-years, {summary.ByDepartmentYear.Sum(s => s.Forms)} forms, " +
                                $"{summary.ByRule.Sum(r => r.Findings)} findings");
        return ExitCodes.Ok;
    }
}
