using System.Globalization;
using System.Text;
using PerformanceEval.Raster;

namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// Tesseract's command line, for where the library cannot be loaded. The cells of a page are written as images and
/// listed in one file, which one <c>tesseract</c> process reads in turn (its model loaded once a page, not once a
/// cell), giving TSV words per listed image; one process per mode and character set. Slower than the library —
/// a process and a model load per page — but the same cells, the same reading.
/// </summary>
internal sealed class CliOcrEngine(SubprocessRunner runner, string? dataPath, string language) : IOcrEngine
{
    // One OpenMP thread per process, as for the library: parallelism comes from the workers.
    private static readonly Dictionary<string, string> Environment = new() { ["OMP_THREAD_LIMIT"] = "1" };

    public IReadOnlyList<OcrText> ReadAll(GrayImage image, IReadOnlyList<OcrRequest> requests, OcrDeadline deadline)
    {
        var results = new OcrText[requests.Count];
        var dir = Directory.CreateTempSubdirectory("perfeval-ocr-");
        try
        {
            foreach (var group in Enumerable.Range(0, requests.Count).GroupBy(i => (requests[i].PageSegMode, requests[i].Whitelist)))
            {
                deadline.ThrowIfPassed();
                var members = group.ToList();
                var list = new StringBuilder();
                foreach (var i in members)
                {
                    var file = Path.Combine(dir.FullName, $"c{i}.pgm");
                    OcrCrop.Cut(image, requests[i]).WritePgm(file);
                    list.Append(file).Append('\n');
                }
                var listFile = Path.Combine(dir.FullName, $"list-{group.Key.PageSegMode}-{members[0]}.txt");
                File.WriteAllText(listFile, list.ToString());
                List<string> args = [listFile, "stdout", "-l", language, "--psm", group.Key.PageSegMode.ToString(CultureInfo.InvariantCulture),
                    "--dpi", "300", "-c", "preserve_interword_spaces=1"];
                if (dataPath is not null) args.AddRange(["--tessdata-dir", dataPath]);
                if (group.Key.Whitelist is { } white) args.AddRange(["-c", $"tessedit_char_whitelist={white}"]);
                args.Add("tsv");
                var run = runner.Run("tesseract", "tesseract-ocr", args, deadline.Cancel, Environment);
                if (run.ExitCode != 0) throw new OcrEngineException($"the tesseract CLI failed: {run.Error.Trim()}");
                var read = ParseTsv(Encoding.UTF8.GetString(run.Output));
                for (var k = 0; k < members.Count; k++)
                    results[members[k]] = read.GetValueOrDefault(k + 1, new OcrText("", 0));
            }
            return results;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Words of Tesseract's TSV by page (the listed image), lines joined with line breaks, mean word confidence.</summary>
    internal static Dictionary<int, OcrText> ParseTsv(string tsv)
    {
        var pages = new Dictionary<int, (StringBuilder Text, List<double> Confidences, string Line)>();
        foreach (var row in tsv.Split('\n').Skip(1))
        {
            var f = row.TrimEnd('\r').Split('\t');
            if (f.Length < 12 || f[0] != "5" || string.IsNullOrWhiteSpace(f[11])) continue;
            var page = int.Parse(f[1], CultureInfo.InvariantCulture);
            var line = $"{f[2]}.{f[3]}.{f[4]}";
            if (!pages.TryGetValue(page, out var p)) p = (new StringBuilder(), [], line);
            if (p.Text.Length > 0) p.Text.Append(p.Line == line ? ' ' : '\n');
            p.Text.Append(f[11].Trim());
            if (double.TryParse(f[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var c) && c >= 0) p.Confidences.Add(c / 100);
            pages[page] = (p.Text, p.Confidences, line);
        }
        return pages.ToDictionary(p => p.Key, p => new OcrText(p.Value.Text.ToString(), p.Value.Confidences.DefaultIfEmpty(0).Average()));
    }
}
