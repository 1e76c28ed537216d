using System.Text.Json.Nodes;
using PerformanceEval.Contract;
using Xunit;

namespace PerformanceEval.Tests.Normalization;

/// <summary>Every field extract fills carries where it was read, so a reviewer can find the source cell.</summary>
public sealed class ProvenanceTests
{
    public static TheoryData<string> CaseNames() => [.. Fixtures.Cases()];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_filled_field_has_provenance_pointing_at_its_source(string caseName)
    {
        // PDFs and images locate a field by page and box; text dumps by line.
        var isPdf = Path.GetExtension(Fixtures.Input(caseName)) is ".pdf" or ".tif" or ".tiff" or ".png" or ".jpg";
        var input = isPdf ? [] : File.ReadAllLines(Fixtures.Input(caseName));
        foreach (var form in Fixtures.Pipeline.Extract(Fixtures.Input(caseName)).Forms)
        {
            var node = JsonNode.Parse(ContractJson.Serialize(form))!.AsObject();
            var provenance = node["provenance"]!.AsObject();
            var unexplained = Filled(node).Where(path => !provenance.ContainsKey(path))
                // A year inferred from the file's other forms has no cell of its own; its warning says so.
                .Where(path => !(path == "year" && form.Warnings.Any(w => w.Code == "form.year-inferred")))
                .ToList();
            Assert.True(unexplained.Count == 0, $"{caseName} form {form.Source.FormIndex}: no provenance for {string.Join(", ", unexplained)}");
            foreach (var (path, where) in provenance)
            {
                if (isPdf)
                {
                    // A PDF or scan cell is found by page and box (points or pixels, origin top-left), inside the form's pages.
                    Assert.Contains(where!["page"]!.GetValue<int>(), form.Source.Pages!.Value);
                    var box = where["box"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
                    Assert.True(box[0] < box[2] && box[1] < box[3], $"{caseName} {path}: empty box");
                    continue;
                }
                var line = where!["line"]!.GetValue<int>();
                Assert.InRange(line, 1, input.Length);
                var raw = where["text"]?.GetValue<string>() ?? "";
                var firstLine = raw.Split('\n')[0].Split("<br>")[0].Trim();
                if (firstLine.Length > 0 && path != "year")
                    Assert.True(input[line - 1].Contains(firstLine) || input.Skip(line - 1).Take(3).Any(l => l.Contains(firstLine)),
                        $"{caseName} {path}: \"{firstLine}\" is not on line {line}");
            }
        }
    }

    private static IEnumerable<string> Filled(JsonNode? node, string prefix = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    if (prefix.Length == 0 && key is "source" or "findings" or "warnings" or "provenance" or "schemaVersion" or "template") continue;
                    foreach (var p in Filled(child, prefix.Length == 0 ? key : $"{prefix}.{key}")) yield return p;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    foreach (var p in Filled(a[i], $"{prefix}[{i}]")) yield return p;
                break;
            case JsonValue:
                yield return prefix;
                break;
        }
    }
}
