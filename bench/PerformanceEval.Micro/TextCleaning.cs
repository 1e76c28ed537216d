using BenchmarkDotNet.Attributes;
using PerformanceEval.Templates;

namespace PerformanceEval.Micro;

/// <summary><see cref="TextCleaner"/> and <see cref="NumberParser"/>: every cell goes through both, many times.</summary>
[MemoryDiagnoser]
public class TextCleaning
{
    [Benchmark]
    public string? CleanCell() => TextCleaner.Clean("社会效益指标");

    [Benchmark]
    public string? CleanSpacedCell() => TextCleaner.Clean("社会效益 指标");

    [Benchmark]
    public string? CleanMarkup() => TextCleaner.Clean("完成率8<br>0%及以上");

    [Benchmark]
    public bool ParseAmount() => NumberParser.TryParse("1,234,567.89", out _);

    [Benchmark]
    public bool ParseRate() => NumberParser.TryParse("99.85%", out _);
}
