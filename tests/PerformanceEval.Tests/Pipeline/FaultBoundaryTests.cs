using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Pipeline;
using PerformanceEval.Provenance;
using Xunit;

namespace PerformanceEval.Tests.Pipeline;

/// <summary>
/// Each file runs inside its own fault boundary: what any stage throws fails that file with the stage and the cause,
/// and the next file is read as if nothing happened. The inputs that used to end a batch are read or refused.
/// </summary>
public sealed class FaultBoundaryTests
{
    /// <summary>A reader with a defect: it throws on the files it claims.</summary>
    private sealed class ThrowingReader : IDocumentReader
    {
        public bool CanRead(SourceDocument document) => document.Bytes.AsSpan().StartsWith("BOOM"u8);
        public StageResult<IngestedDocument> Read(SourceDocument document) => throw new InvalidOperationException("reader defect");
    }

    [Fact]
    public void A_stage_that_throws_fails_that_file_with_the_stage_and_the_next_file_is_read()
    {
        var pipeline = new ExtractionPipelineBuilder().AddReader(new ThrowingReader()).Build();
        var bad = pipeline.Extract(SourceDocument.FromBytes("bad.txt", "BOOM and the rest"u8.ToArray()));
        var good = pipeline.Extract(Fixtures.Input("seed-002-songjiang-2022-layout"));

        Assert.True(bad.Failed);
        Assert.Contains("ingestion", bad.Failure);
        Assert.Contains("reader defect", bad.Failure);
        Assert.Contains(bad.Diagnostics, d => d.Code == DiagnosticCodes.StageFailed && d.Source?.Path == "bad.txt");
        Assert.False(good.Failed, good.Failure);
        Assert.Equal(5, good.Forms.Length);
    }

    [Fact]
    public void A_figure_of_28_nines_and_a_year_in_arabic_indic_digits_are_read_or_refused_never_thrown()
    {
        // Seed 002's first form with its year printed "20٢٢" and one indicator's 分值 and 得分 as 28 nines: two of them
        // summed overflow a decimal, which once ended the batch in the weight-sum and total-score rules.
        var text = File.ReadAllText(Fixtures.Input("seed-002-songjiang-2022-layout"));
        var nines = new string('9', 28);
        var damaged = text.Replace("2022", "20٢٢");
        var lines = damaged.Split('\n').ToList();
        var scored = lines.FindIndex(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\s7\s+7\s*$"));
        Assert.True(scored >= 0, "the fixture has an indicator row ending in 分值 7 and 得分 7");
        lines[scored] = System.Text.RegularExpressions.Regex.Replace(lines[scored], @"7\s+7\s*$", $"{nines}   {nines}");

        var result = Fixtures.Pipeline.Extract(SourceDocument.FromBytes("damaged.txt", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines))));

        Assert.False(result.Failed, result.Failure);
        Assert.Equal(5, result.Forms.Length);
        Assert.All(result.Forms, f => Assert.Equal(2022, f.Year));
        Assert.DoesNotContain(result.Forms.SelectMany(f => f.Indicators), i => i.Weight >= 1_000_000m || i.Score >= 1_000_000m);
    }
}
