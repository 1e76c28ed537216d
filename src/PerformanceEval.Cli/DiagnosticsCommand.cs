using System.CommandLine;
using PerformanceEval.Diagnostics;

namespace PerformanceEval.Cli;

/// <summary><c>perfeval diagnostics [CODE]</c>: what each warning code means and what a reviewer should do.</summary>
internal static class DiagnosticsCommand
{
    private static readonly Argument<string?> Code = new("code") { Description = "One code (grid.row-lost); without it, the whole catalogue as Markdown.", Arity = ArgumentArity.ZeroOrOne };

    public static Command Create()
    {
        var command = new Command("diagnostics", "Print the catalogue of warning and error codes (docs/diagnostics.md is this output).") { Code };
        command.SetAction(p => Run(p.GetValue(Code)));
        return command;
    }

    private static int Run(string? code)
    {
        if (code is null)
        {
            Console.Out.Write(DiagnosticCatalogue.ToMarkdown());
            return ExitCodes.Ok;
        }
        if (DiagnosticCodes.Find(code) is not { } entry)
        {
            Console.Error.WriteLine($"error: no diagnostic code '{code}' (run 'perfeval diagnostics' for the list)");
            return ExitCodes.Usage;
        }
        Console.Out.WriteLine($"{entry.Id} ({entry.Severity.ToContract()}, {entry.Stage})\n{entry.Meaning}\n{entry.Action}");
        return ExitCodes.Ok;
    }
}
