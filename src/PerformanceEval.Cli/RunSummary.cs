using PerformanceEval.Contract;
using PerformanceEval.Pipeline;

namespace PerformanceEval.Cli;

/// <summary>The closing table of <c>extract --summary</c>.</summary>
internal sealed class RunSummary
{
    private readonly SortedDictionary<(string Rule, string Severity), int> _byRule = [];

    public int Files { get; private set; }
    public int FailedFiles { get; private set; }
    public int Forms { get; private set; }
    public int FormsWithFindings { get; private set; }
    public int Findings { get; private set; }

    /// <summary>Counts a file once its forms are counted (<see cref="Add"/>).</summary>
    public void AddFile(DocumentResult result)
    {
        Files++;
        if (result.Failed) FailedFiles++;
    }

    /// <summary>Counts forms, as a file hands them on.</summary>
    public void Add(IEnumerable<CleanedForm> forms)
    {
        foreach (var form in forms)
        {
            Forms++;
            if (form.Findings.Length > 0) FormsWithFindings++;
            foreach (var f in form.Findings)
            {
                Findings++;
                _byRule[(f.Rule, f.Severity)] = _byRule.GetValueOrDefault((f.Rule, f.Severity)) + 1;
            }
        }
    }

    public void Print(TextWriter w)
    {
        w.WriteLine();
        w.WriteLine($"files read          {Files - FailedFiles,6}   failed {FailedFiles}");
        w.WriteLine($"forms read          {Forms,6}");
        w.WriteLine($"forms with findings {FormsWithFindings,6}");
        w.WriteLine($"findings            {Findings,6}");
        if (_byRule.Count == 0) return;
        w.WriteLine();
        w.WriteLine($"{"rule",-26} {"error",6} {"warning",8} {"info",6}");
        foreach (var rule in _byRule.Keys.Select(k => k.Rule).Distinct())
            w.WriteLine($"{rule,-26} {Count(rule, "error"),6} {Count(rule, "warning"),8} {Count(rule, "info"),6}");
    }

    private int Count(string rule, string severity) => _byRule.GetValueOrDefault((rule, severity));
}
