using System.Collections.Immutable;
using System.Text;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Pipeline;
using Xunit;

namespace PerformanceEval.Tests.Pipeline;

/// <summary>
/// A text dump over <c>limits.textSectionBytes</c> is read a section at a time and its forms handed on as each section
/// is done: the same forms as the file read whole, lines numbered as in the file, failures before any form is written.
/// </summary>
public sealed class SectionedExtractionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfeval-sections-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Sections of 64 KiB (the least allowed), growing to 256 KiB for a form that has not ended.</summary>
    private static ExtractionPipeline Sectioned { get; } = Build(new InputLimits(MaxTextBytes: 256 << 10, TextSectionBytes: 64 << 10));

    /// <summary>The same files read whole.</summary>
    private static ExtractionPipeline Whole { get; } = Build(new InputLimits(MaxTextBytes: 64 << 20, TextSectionBytes: 64 << 20));

    private static ExtractionPipeline Build(InputLimits limits) => new ExtractionPipelineBuilder()
        .WithSettings(PipelineSettings.Load(Path.Combine(Fixtures.RepoRoot, "pipeline.json")) with { Limits = limits }).Build();

    /// <summary>Every text fixture (four shapes of seed, three printers' raw text), one after another, <paramref name="times"/> over.</summary>
    private string Mixed(int times, string name = "mixed.txt")
    {
        var texts = Fixtures.Cases().Select(Fixtures.Case)
            .SelectMany(c => Directory.EnumerateFiles(c, "input.txt"))
            .Order(StringComparer.Ordinal)
            .Select(f => File.ReadAllText(f).TrimEnd('\n') + "\n");
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Concat(Enumerable.Repeat(string.Concat(texts), times)));
        return path;
    }

    private static (DocumentResult Result, List<ImmutableArray<CleanedForm>> Handed) Run(ExtractionPipeline pipeline, string path)
    {
        var handed = new List<ImmutableArray<CleanedForm>>();
        return (pipeline.Extract(path, handed.Add), handed);
    }

    [Fact]
    public void A_dump_read_in_sections_gives_the_forms_it_gives_read_whole()
    {
        var path = Mixed(times: 3);
        Assert.True(Sectioned.ReadsInSections(path));
        Assert.False(Whole.ReadsInSections(path));

        var (result, handed) = Run(Sectioned, path);
        var whole = Whole.Extract(path);

        Assert.False(result.Failed, result.Failure);
        Assert.True(handed.Count >= 3, $"{new FileInfo(path).Length:N0} bytes were handed on in {handed.Count} parts");
        var sectioned = handed.SelectMany(f => f).ToList();
        Assert.Equal(whole.Forms.Length, result.FormCount);
        Assert.Equal(whole.Forms.Select(ContractJson.Serialize), sectioned.Select(ContractJson.Serialize));
        Assert.Equal(Enumerable.Range(0, sectioned.Count), sectioned.Select(f => f.Source.FormIndex));
    }

    [Fact]
    public void A_field_read_in_a_later_section_points_at_its_line_of_the_file()
    {
        var path = Mixed(times: 2);
        var lines = File.ReadAllLines(path);
        var (_, handed) = Run(Sectioned, path);
        var late = handed[^1];
        Assert.NotEmpty(late);
        foreach (var form in late)
            foreach (var (field, at) in form.Provenance.Where(p => p.Value is { Line: not null, Text.Length: > 0 }))
            {
                Assert.True(at.Line > lines.Length / 2, $"form {form.Source.FormIndex} {field}: line {at.Line}");
                // The cell's text (a joined piece keeps its first line there; some fields keep it without its spaces).
                Assert.True(Squeezed(lines[at.Line!.Value - 1]).Contains(Squeezed(at.Text!.Split('\n')[0]), StringComparison.Ordinal),
                    $"form {form.Source.FormIndex} {field}: '{at.Text}' is not on line {at.Line}: '{lines[at.Line!.Value - 1]}'");
            }
    }

    private static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public void A_bad_byte_in_a_later_section_is_warned_at_its_line_and_the_file_stays_utf8()
    {
        var text = File.ReadAllBytes(Mixed(times: 3));
        var middle = Array.IndexOf(text, (byte)'\n', text.Length * 2 / 3) + 1;
        var bytes = (byte[])[.. text[..middle], 0xFF, .. text[middle..]];
        var path = Path.Combine(_dir, "bad-byte.txt");
        File.WriteAllBytes(path, bytes);
        var line = bytes[..middle].Count(b => b == '\n') + 1;

        var (result, handed) = Run(Sectioned, path);

        Assert.False(result.Failed, result.Failure);
        var warning = Assert.Single(handed.SelectMany(f => f).SelectMany(f => f.Warnings), w => w.Code == DiagnosticCodes.TextInvalidBytes.Id);
        Assert.Equal(line, warning.Source?.Line);
        Assert.Equal("utf-8", TextSurvey.Of(path).EncodingName);
    }

    [Fact]
    public void A_gbk_dump_is_read_in_sections_as_gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var utf8 = Mixed(times: 2);
        var gbk = Path.Combine(_dir, "gbk.txt");
        File.WriteAllBytes(gbk, Encoding.GetEncoding(936).GetBytes(File.ReadAllText(utf8)));

        Assert.Equal("gb18030", TextSurvey.Of(gbk).EncodingName);
        var (result, handed) = Run(Sectioned, gbk);
        Assert.Equal(Whole.Extract(utf8).Forms.Select(f => f.ProjectName), handed.SelectMany(f => f).Select(f => f.ProjectName));
        Assert.False(result.Failed, result.Failure);
    }

    [Fact]
    public void Text_without_a_form_longer_than_a_section_is_passed_over_and_the_forms_after_it_are_read()
    {
        var forms = File.ReadAllText(Mixed(times: 1));
        var path = Path.Combine(_dir, "minutes-then-forms.txt");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("会议纪要：今天讨论了预算编制的安排。\n", 8000)) + forms);

        var (result, handed) = Run(Sectioned, path);

        Assert.False(result.Failed, result.Failure);
        Assert.Equal(Whole.Extract(Mixed(times: 1, "alone.txt")).Forms.Length, handed.Sum(f => f.Length));
    }

    [Fact]
    public void A_form_that_never_ends_is_refused_at_the_line_it_starts()
    {
        var head = "财政项目支出绩效自评表\n（2021年度）\n| 项目名称 | 某项目 |\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n";
        var path = Path.Combine(_dir, "endless.txt");
        File.WriteAllText(path, File.ReadAllText(Mixed(times: 1)) + head +
            string.Concat(Enumerable.Repeat("| 产出指标 | 数量指标 | 完成数量 | 100 | 100 | 10 | 10 |\n", 8000)));
        var start = File.ReadAllLines(path).ToList().LastIndexOf("财政项目支出绩效自评表") + 1;

        var (result, handed) = Run(Sectioned, path);

        Assert.True(result.Failed);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.InputTooLarge, start), (error.Code, error.Source?.Line));
        // The forms before it were read and handed on; the result says how many.
        Assert.Equal(handed.Sum(f => f.Length), result.FormCount);
        Assert.True(result.FormCount > 0);
    }

    [Fact]
    public void A_line_over_the_limit_refuses_the_file_before_any_form_is_handed_on()
    {
        var path = Path.Combine(_dir, "long-line.txt");
        File.WriteAllText(path, File.ReadAllText(Mixed(times: 2)) + new string('9', 300_000) + "\n");
        var line = File.ReadAllLines(path).Length;

        var (result, handed) = Run(Sectioned, path);

        Assert.True(result.Failed);
        Assert.Empty(handed);
        Assert.Equal((DiagnosticCodes.InputTooLarge, line), (Assert.Single(result.Diagnostics).Code, result.Diagnostics[0].Source?.Line));
    }

    [Fact]
    public void Html_and_utf16_dumps_are_read_whole()
    {
        var html = Path.Combine(_dir, "big.html");
        File.WriteAllText(html, string.Concat(Enumerable.Repeat(File.ReadAllText(Fixtures.Input("html-baoshan-2023-rowspans")), 30)));
        var utf16 = Path.Combine(_dir, "utf16.txt");
        File.WriteAllText(utf16, File.ReadAllText(Mixed(times: 1)), Encoding.Unicode);

        Assert.False(Sectioned.ReadsInSections(html));
        Assert.False(Sectioned.ReadsInSections(utf16));
        Assert.Equal(30, Sectioned.Extract(html).Forms.Length);
    }
}
