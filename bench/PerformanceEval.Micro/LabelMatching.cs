using BenchmarkDotNet.Attributes;
using PerformanceEval.Templates;

namespace PerformanceEval.Micro;

/// <summary>
/// <see cref="LabelMatcher"/>: a form's cells are matched against the vocabulary about a thousand times a form, so a
/// call's cost is most of the tables' and the normalizer's. One case per path a cell takes.
/// </summary>
[MemoryDiagnoser]
public class LabelMatching
{
    private static readonly string[] FundingLines = [.. LabelKinds.FundingLines];
    private readonly LabelMatcher _standard = new(TemplateModel.Load("standard", null));

    /// <summary>A label as printed: one lookup.</summary>
    [Benchmark]
    public LabelMatch? Exact() => _standard.Match("项目名称", "ProjectName", "FundingTotal");

    /// <summary>An OCR misreading of a label: measured against the labels that share its characters.</summary>
    [Benchmark]
    public LabelMatch? Misread() => _standard.Match("5目名称", "ProjectName", "FundingTotal");

    /// <summary>An indicator's name asked whether it is a funding line: most cells of a form are no label at all.</summary>
    [Benchmark]
    public LabelMatch? NoLabel() => _standard.Match("受益群众满意度调查覆盖率", FundingLines);

    /// <summary>A figure: shares no character with any label.</summary>
    [Benchmark]
    public LabelMatch? Figure() => _standard.Match("1,234,567.89", FundingLines);

    [Benchmark]
    public LevelMatch? LevelMisread() => _standard.MatchLevel("量指标");
}
