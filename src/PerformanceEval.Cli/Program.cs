using System.CommandLine;
using PerformanceEval.Cli;

// perfeval: turns archived 财政项目支出绩效自评表 into checked JSON. Data goes to stdout or --out; logs to stderr.
var root = new RootCommand(
    "perfeval — extract Shanghai 财政项目支出绩效自评表 (budget-project performance self-evaluation forms) " +
    "from archived text dumps, PDFs and scans into checked JSON Lines; import archives into a store, report on it and export it.")
{
    ExtractCommand.Create(),
    CheckCommand.Create(),
    ImportCommand.Create(),
    StatusCommand.Create(),
    ExportCommand.Create(),
    ReportCommand.Create(),
    ReviewerCommand.Create(),
    ReviewCommand.Create(),
    DiagnosticsCommand.Create(),
    ConfigCommand.Create(),
};
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("Run 'perfeval --help' or 'perfeval <command> --help' for usage.");
    return ExitCodes.Usage;
}
return await parse.InvokeAsync();

namespace PerformanceEval.Cli
{
    internal static class ExitCodes
    {
        public const int Ok = 0;
        public const int SomeInputsFailed = 1;
        public const int Usage = 2;
    }
}
