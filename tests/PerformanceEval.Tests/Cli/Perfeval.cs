using System.Diagnostics;

namespace PerformanceEval.Tests.Cli;

/// <summary>Runs the built perfeval as a user does: a real process, its exit code and both streams.</summary>
internal static class Perfeval
{
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Fixtures.RepoRoot };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "perfeval.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }

    public static (int Code, string Out, string Err) Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs perfeval with <paramref name="input"/> on its standard input (closed after it).</summary>
    public static (int Code, string Out, string Err) RunWithInput(string? input, params string[] args)
    {
        var start = StartInfo(args);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        if (input is not null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
