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
    public static int Run(string root, string folder, bool misses, string[]? kinds = null, int workers = 1)
    {
        var pipeline = new ExtractionPipelineBuilder().WithSettings(PipelineSettings.Load(Path.Combine(root, "pipeline.json"))).Build();
        var report = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)) == "report";
        if (report && misses)
        {
            Console.Error.WriteLine("misses are not printed for the report half: measure it, never tune on it");
            misses = false;
        }
        // "layout" takes every engine's layout dump, "writer.pdf" one input kind, "scan" every scan.
        var inputs = Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal)
            .SelectMany(caseDir => Directory.EnumerateFiles(caseDir).Where(IsInput).Order(StringComparer.Ordinal)
                .Select(input => (CaseDir: caseDir, Input: input, Kind: KindOf(input))))
            .Where(x => kinds is null || kinds.Any(k => x.Kind == k || x.Kind.EndsWith("." + k, StringComparison.Ordinal) ||
                                                         x.Kind.StartsWith(k + ".", StringComparison.Ordinal)))
            .ToList();
        // Inputs are read by as many workers as asked (scans take seconds each); each input's outcomes are kept in its
        // own slot and printed in order, so the figures and the misses do not depend on the workers.
        var measured = new Measured[inputs.Count];
        Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, k =>
        {
            var (caseDir, input, _) = inputs[k];
            var gold = File.ReadAllLines(Path.Combine(caseDir, "expected.jsonl")).Where(l => l.Length > 0)
                .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            var result = pipeline.Extract(input);
            var actual = result.Forms.Select(FieldComparison.ToNode).ToList();
            var outcomes = new List<FieldOutcome>();
            int silent = 0, noOcrWarning = 0;
            var lines = new List<string>();
            if (actual.Count != gold.Count) lines.Add($"{Rel(input)}: {actual.Count} forms, gold {gold.Count}");
            for (var i = 0; i < gold.Count; i++)
            {
                var compared = FieldComparison.Compare(gold[i], actual.ElementAtOrDefault(i));
                outcomes.AddRange(compared);
                if (i >= result.Forms.Length) continue;
                silent += compared.Count(o => IsSilentlyWrong(o, result.Forms[i]));
                noOcrWarning += compared.Count(o => IsWrongWithoutOcrWarning(o, result.Forms[i]));
                foreach (var o in compared.Where(o => !o.Correct))
                    lines.Add($"{Rel(input)}: {o.Path}: expected «{o.Expected}», got «{o.Actual}»" +
                              (IsSilentlyWrong(o, result.Forms[i]) ? "  UNWARNED" : IsWrongWithoutOcrWarning(o, result.Forms[i]) ? "  NO-OCR-WARNING" : ""));
            }
            measured[k] = new Measured(outcomes, Math.Min(actual.Count, gold.Count), gold.Count, silent, noOcrWarning, lines);
        });
        var byKind = new SortedDictionary<string, List<Measured>>(StringComparer.Ordinal);
        for (var k = 0; k < inputs.Count; k++)
        {
            if (misses) foreach (var line in measured[k].Misses) Console.WriteLine(line);
            byKind.TryAdd(inputs[k].Kind, []);
            byKind[inputs[k].Kind].Add(measured[k]);
        }
        var anyScan = byKind.Keys.Any(IsScanKind);
        Console.WriteLine($"{"input kind",-22} {"inputs",6} {"forms",9} {"fields right",20} {"figures right",20} {"wrong, unwarned",16}" +
                          (anyScan ? $" {"wrong, no ocr.*",16}" : ""));
        foreach (var (kind, list) in byKind) Print(kind, list);
        if (anyScan) Print("scans (all)", byKind.Where(e => IsScanKind(e.Key)).SelectMany(e => e.Value).ToList());
        Print("all", byKind.Values.SelectMany(v => v).ToList());
        return 0;

        void Print(string kind, List<Measured> list)
        {
            var outcomes = list.SelectMany(m => m.Outcomes).ToList();
            var figures = outcomes.Where(IsFigure).ToList();
            Console.WriteLine($"{kind,-22} {list.Count,6} {list.Sum(m => m.Found),4}/{list.Sum(m => m.Expected),-4} {Cell(outcomes),20} {Cell(figures),20} {list.Sum(m => m.Silent),16}" +
                              (anyScan ? $" {list.Sum(m => m.NoOcrWarning),16}" : ""));
        }

        string Rel(string path) => Path.GetRelativePath(folder, path);
    }

    private sealed record Measured(List<FieldOutcome> Outcomes, int Found, int Expected, int Silent, int NoOcrWarning, List<string> Misses);

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
        Path.GetFileName(path) is var name && name != "gold.txt" &&
        (name.EndsWith(".pdf", StringComparison.Ordinal) || name.EndsWith(".txt", StringComparison.Ordinal) || name == "input.html" ||
         (name.StartsWith("scan.", StringComparison.Ordinal) || name.StartsWith("input.", StringComparison.Ordinal)) &&
         Path.GetExtension(name) is ".jpg" or ".png" or ".tif" or ".tiff");

    private static bool IsScanKind(string kind) => kind.StartsWith("scan.", StringComparison.Ordinal);

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
        var path = FormPath(o);
        var line = form.Provenance.GetValueOrDefault(path)?.Line;
        return !form.Warnings.Any(w =>
            w.Field is { } field && (path == field || path.StartsWith(field + ".", StringComparison.Ordinal)) ||
            line is not null && w.Source?.Line == line);
    }

    /// <summary>
    /// Issue 12's count for scans: a figure read as another value than the gold's with no <c>ocr.*</c> warning naming
    /// its field or standing on its cell's line. A warning of another stage (a sum that does not hold) does not
    /// count: it says the form is wrong, not that the reading may be.
    /// </summary>
    private static bool IsWrongWithoutOcrWarning(FieldOutcome o, Contract.CleanedForm form)
    {
        if (o.Correct || !IsFigure(o) || string.IsNullOrEmpty(o.Actual) || o.Actual.StartsWith('<')) return false;
        var path = FormPath(o);
        var line = form.Provenance.GetValueOrDefault(path)?.Line;
        return !form.Warnings.Any(w => w.Code.StartsWith("ocr.", StringComparison.Ordinal) &&
            (w.Field is { } field && (path == field || path.StartsWith(field + ".", StringComparison.Ordinal)) ||
             line is not null && w.Source?.Line == line));
    }

    /// <summary>
    /// The form's own path of a compared field: a row the gold has not ("extra row 3.weight") is the form's fourth
    /// indicator row, whose warnings and provenance are under indicators[3]; a row aligned with a gold row of another
    /// index is under its own (until stop 59 its warnings were looked for under the gold's index, and a row after a lost
    /// one counted unwarned whatever it said).
    /// </summary>
    private static string FormPath(FieldOutcome o) =>
        o.FormPath ?? (System.Text.RegularExpressions.Regex.Match(o.Path, @"^extra row (\d+)\.(\w+)$") is { Success: true } m ? $"indicators[{m.Groups[1].Value}].{m.Groups[2].Value}" : o.Path);

    private static bool IsFigure(FieldOutcome o) =>
        o.Category.StartsWith("funding.", StringComparison.Ordinal) || o.Category.StartsWith("totals.", StringComparison.Ordinal) ||
        o.Category is "indicator.weight" or "indicator.score";
}
