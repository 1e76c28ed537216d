using System.CommandLine;

namespace PerformanceEval.Cli;

/// <summary><c>perfeval config --print [--config FILE]</c>: the settings a run would use, every default filled in.</summary>
internal static class ConfigCommand
{
    private static readonly Option<bool> Print = new("--print") { Description = "Print the effective settings as pipeline.json would state them." };

    public static Command Create()
    {
        var command = new Command("config", "Check pipeline.json (unknown or mistyped settings are refused by name) and print the effective settings.")
        {
            Print, CommonOptions.Config,
        };
        command.SetAction(p => Run(p.GetValue(Print), p.GetValue(CommonOptions.Config)));
        return command;
    }

    private static int Run(bool print, string? config)
    {
        try
        {
            var settings = CommonOptions.Settings(config);
            // What a run would refuse at start-up, this command refuses too: checking the file is what it is for.
            settings.Validate();
            if (print) Console.Out.WriteLine(settings.ToJson());
            else Console.Error.WriteLine($"{config ?? (File.Exists("pipeline.json") ? "pipeline.json" : "the embedded pipeline.json")}: valid (--print shows every setting)");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {(config is null ? "" : config + ": ")}{e.Message}");
            return ExitCodes.Usage;
        }
    }
}
