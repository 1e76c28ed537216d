using System.Text.Json.Nodes;
using PerformanceEval.Pipeline;
using PerformanceEval.Tests.Golden;

namespace PerformanceEval.Bench;

/// <summary>
/// Field accuracy over a print shop's output (fixtures/tools/print_shop.py): every input of every case is extracted
/// and compared with the case's gold, field by field, by the golden tests' own comparison. Figures are reported per
/// input kind (HTML, each engine's PDF, its layout and raw text dumps). Misses are printed only for the tuning
/// half: the report half is measured, never read.
/// </summary>
internal static class QualityBench
{
    public static int Run(string root, string folder, bool misses, string[]? kinds = null)
    {
        var pipeline = new ExtractionPipelineBuilder().WithSettings(PipelineSettings.Load(Path.Combine(root, "pipeline.json"))).Build();
        var report = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)) == "report";
        if (report && misses)
        {
            Console.Error.WriteLine("misses are not printed for the report half: measure it, never tune on it");
            misses = false;
        }
        var byKind = new SortedDictionary<string, (List<FieldOutcome> Outcomes, int Found, int Expected, int Inputs)>(StringComparer.Ordinal);
        var silent = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var caseDir in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var gold = File.ReadAllLines(Path.Combine(caseDir, "expected.jsonl")).Where(l => l.Length > 0)
                .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            foreach (var input in Directory.EnumerateFiles(caseDir).Where(IsInput).Order(StringComparer.Ordinal))
            {
                var kind = KindOf(input);
                // "layout" takes every engine's layout dump, "writer.pdf" one input kind.
                if (kinds is not null && !kinds.Any(k => kind == k || kind.EndsWith("." + k, StringComparison.Ordinal))) continue;
                var result = pipeline.Extract(input);
                var actual = result.Forms.Select(FieldComparison.ToNode).ToList();
                var outcomes = new List<FieldOutcome>();
                for (var i = 0; i < gold.Count; i++)
                {
                    var compared = FieldComparison.Compare(gold[i], actual.ElementAtOrDefault(i));
                    outcomes.AddRange(compared);
                    if (i < result.Forms.Length)
                        silent[kind] = silent.GetValueOrDefault(kind) + compared.Count(o => IsSilentlyWrong(o, result.Forms[i]));
                }
                var entry = byKind.GetValueOrDefault(kind, ([], 0, 0, 0));
                entry.Outcomes.AddRange(outcomes);
                byKind[kind] = (entry.Outcomes, entry.Found + Math.Min(actual.Count, gold.Count), entry.Expected + gold.Count, entry.Inputs + 1);
                if (!misses) continue;
                if (actual.Count != gold.Count) Console.WriteLine($"{Rel(input)}: {actual.Count} forms, gold {gold.Count}");
                for (var i = 0; i < gold.Count; i++)
                    foreach (var o in FieldComparison.Compare(gold[i], actual.ElementAtOrDefault(i)).Where(o => !o.Correct))
                        Console.WriteLine($"{Rel(input)}: {o.Path}: expected «{o.Expected}», got «{o.Actual}»" +
                                          (i < result.Forms.Length && IsSilentlyWrong(o, result.Forms[i]) ? "  UNWARNED" : ""));
            }
        }
        Console.WriteLine($"{"input kind",-22} {"inputs",6} {"forms",9} {"fields right",20} {"figures right",20} {"wrong, unwarned",16}");
        foreach (var (kind, (outcomes, found, expected, inputs)) in byKind)
        {
            var figures = outcomes.Where(IsFigure).ToList();
            Console.WriteLine($"{kind,-22} {inputs,6} {found,4}/{expected,-4} {Cell(outcomes),20} {Cell(figures),20} {silent.GetValueOrDefault(kind),16}");
        }
        var all = byKind.Values.SelectMany(v => v.Outcomes).ToList();
        Console.WriteLine($"{"all",-22} {byKind.Values.Sum(v => v.Inputs),6} {byKind.Values.Sum(v => v.Found),4}/{byKind.Values.Sum(v => v.Expected),-4} {Cell(all),20} {Cell(all.Where(IsFigure).ToList()),20} {silent.Values.Sum(),16}");
        return 0;

        string Rel(string path) => Path.GetRelativePath(folder, path);
    }

    /// <summary>Prints the rows of each form of a file as the normalizer gets them: cell text@column+span, carried cells marked ^.</summary>
    public static int Rows(string root, string file)
    {
        var pipeline = new ExtractionPipelineBuilder().WithSettings(PipelineSettings.Load(Path.Combine(root, "pipeline.json"))).Build();
        foreach (var grid in pipeline.Grids(Ingestion.SourceDocument.Load(file)))
        {
            Console.WriteLine($"=== form {grid.FormIndex}");
            foreach (var row in grid.Rows)
                Console.WriteLine($"{row.Origin} p{row.Page} b{row.Block}: " + string.Join(" | ", row.Cells.Select(c =>
                    $"{(c.Carried ? "^" : "")}{c.Text.Replace("\n", "⏎")}@{c.FirstColumn}{(c.ColSpan > 1 ? "+" + c.ColSpan : "")}")));
        }
        return 0;
    }

    private static string Cell(List<FieldOutcome> outcomes) =>
        $"{outcomes.Count(o => o.Correct)}/{outcomes.Count} {AccuracyTable.Percent(outcomes),6:F2}%";

    private static bool IsInput(string path) =>
        Path.GetFileName(path) is var name && (name.EndsWith(".pdf", StringComparison.Ordinal) || name.EndsWith(".txt", StringComparison.Ordinal) ||
                                               name == "input.html");

    /// <summary>"html", "writer.pdf", "calc.layout", "chromium.raw" …</summary>
    private static string KindOf(string path)
    {
        var name = Path.GetFileName(path);
        return name == "input.html" ? "html" : name.EndsWith(".txt", StringComparison.Ordinal) ? name[..^4] : name;
    }

    /// <summary>
    /// A figure read as another value than the gold's (not merely missing) with no warning of its form naming it: the
    /// worst outcome, counted apart. A warning names it by its field (or the field's line: "funding.total" for its six
    /// figures) or by the source line the figure was read from.
    /// </summary>
    private static bool IsSilentlyWrong(FieldOutcome o, Contract.CleanedForm form)
    {
        if (o.Correct || !IsFigure(o) || string.IsNullOrEmpty(o.Actual) || o.Actual.StartsWith('<')) return false;   // "<missing row>": not read, not wrong
        var line = form.Provenance.GetValueOrDefault(o.Path)?.Line;
        return !form.Warnings.Any(w =>
            w.Field is { } field && (o.Path == field || o.Path.StartsWith(field + ".", StringComparison.Ordinal)) ||
            line is not null && w.Source?.Line == line);
    }

    private static bool IsFigure(FieldOutcome o) =>
        o.Category.StartsWith("funding.", StringComparison.Ordinal) || o.Category.StartsWith("totals.", StringComparison.Ordinal) ||
        o.Category is "indicator.weight" or "indicator.score";
}
