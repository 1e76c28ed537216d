using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerformanceEval.Contract;
using PerformanceEval.Pipeline;

namespace PerformanceEval.Cli;

/// <summary>
/// <c>perfeval check FILE.jsonl [--out FILE]</c>: re-runs the checker on cleaned JSON (after a hand correction, say)
/// and writes each form back with fresh findings. Only <c>findings</c> is replaced (and a version-1 form's
/// <c>schemaVersion</c> and <c>warnings</c>, upgraded to version 2): every other member, its order and its number
/// literals ("7.30") are written back exactly as read.
/// </summary>
internal static class CheckCommand
{
    private static readonly Argument<string> File = new("file") { Description = "Cleaned forms, JSON Lines ('-' for standard input)." };

    public static Command Create()
    {
        var command = new Command("check", "Re-check cleaned JSON Lines and write them back with fresh findings; nothing else changes.")
        {
            File, CommonOptions.Out, CommonOptions.Config, CommonOptions.Verbose,
        };
        command.SetAction(parse => Run(parse.GetValue(File)!, parse.GetValue(CommonOptions.Out), parse.GetValue(CommonOptions.Config)));
        return command;
    }

    internal static int Run(string file, string? outPath, string? config)
    {
        if (file != "-" && !System.IO.File.Exists(file))
        {
            Console.Error.WriteLine($"error: {file}: no such file");
            return ExitCodes.Usage;
        }
        ExtractionPipeline pipeline;
        try
        {
            pipeline = new ExtractionPipelineBuilder().WithSettings(CommonOptions.Settings(config)).Build();
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        var failed = 0;
        using var input = file == "-" ? Console.In : new StreamReader(file);
        using var output = CommonOptions.OpenOutput(outPath);
        var lineNo = 0;
        while (input.ReadLine() is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                output.WriteLine(Recheck(line, pipeline));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
            {
                failed++;
                Console.Error.WriteLine($"error: {file}:{lineNo}: not a cleaned form ({e.Message}); written back unchanged");
                output.WriteLine(line);
            }
        }
        return failed > 0 ? ExitCodes.SomeInputsFailed : ExitCodes.Ok;
    }

    /// <summary>One JSON line with its findings recomputed and nothing else touched.</summary>
    internal static string Recheck(string line, ExtractionPipeline pipeline)
    {
        var node = JsonNode.Parse(line)?.AsObject() ?? throw new JsonException("the line is not a JSON object");
        var form = node.Deserialize<CleanedForm>(ContractJson.Options) ?? throw new JsonException("null form");
        var findings = pipeline.Checker.Check(form);
        node["findings"] = JsonSerializer.SerializeToNode(findings, ContractJson.Options);
        // A version-1 form is written as version 2: its warning strings become the objects they describe.
        return Checking.VersionOneForms.Upgrade(node).ToJsonString(ContractJson.Options);
    }
}
