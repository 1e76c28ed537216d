using PerformanceEval.Diagnostics;
using System.Collections.Immutable;
using PerformanceEval.Checking;
using PerformanceEval.Contract;
using Xunit;

namespace PerformanceEval.Tests.Checking;

/// <summary>
/// The engine's alternative readings of an unsure figure, chosen by the form's relations: only the engine's own
/// readings, only one that clears findings and raises none, never two that fit, always said in warnings.
/// </summary>
public sealed class AlternativeReadingsTests
{
    private static readonly AlternativeReadings Chooser = new(Fixtures.Pipeline.Checker);

    /// <summary>Seed 001's first form, consistent but for what a test changes.</summary>
    private static CleanedForm Form() => Fixtures.Pipeline.Extract(Fixtures.Input("seed-001-baoshan-2023-tsv")).Forms[0] with { Findings = [] };

    /// <summary>Indicator 0 (weight 10, score 10) with its score read as <paramref name="read"/> and the engine's alternatives.</summary>
    private static CleanedForm ScoreRead(string read, decimal value, params string[] alternatives)
    {
        var form = Form();
        var provenance = new Dictionary<string, FieldProvenance>(form.Provenance)
        {
            ["indicators[0].score"] = new() { Page = 1, Box = [1, 2, 3, 4], Text = read, Confidence = 0.41, Alternatives = [.. alternatives] },
        };
        return form with { Indicators = form.Indicators.SetItem(0, form.Indicators[0] with { Score = value }), Provenance = provenance };
    }

    [Fact]
    public void The_one_reading_that_makes_the_form_add_up_is_taken_and_both_readings_are_written()
    {
        // "16" for 10: the score exceeds its weight and the total does not add up; the engine also offered "10".
        var (form, warnings) = Chooser.Choose(ScoreRead("16", 16, "10", "18"));
        Assert.Equal(10, form.Indicators[0].Score);
        var warning = Assert.Single(warnings);
        Assert.Equal((DiagnosticCodes.AlternativeChosen.Id, "indicators[0].score"), (warning.Code, warning.Field));
        Assert.Contains("“16”", warning.Message);
        Assert.Contains("“10”", warning.Message);
        Assert.Empty(Fixtures.Pipeline.Checker.Check(form).Where(f => f.Rule is "total-score" or "score-exceeds-weight"));
    }

    [Fact]
    public void Readings_the_engine_did_not_offer_are_never_made_up()
    {
        var (form, warnings) = Chooser.Choose(ScoreRead("16", 16, "18", "15"));
        Assert.Equal(16, form.Indicators[0].Score);
        Assert.Empty(warnings);
        Assert.Contains(Fixtures.Pipeline.Checker.Check(form), f => f.Rule == "score-exceeds-weight");
    }

    [Fact]
    public void A_consistent_reading_is_left_alone_even_when_the_engine_offered_others()
    {
        var (form, warnings) = Chooser.Choose(ScoreRead("10", 10, "16", "18"));
        Assert.Equal(10, form.Indicators[0].Score);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Two_readings_that_would_both_fit_are_reported_and_neither_is_taken()
    {
        // With the total and grade taken out, only "score exceeds weight" is left to clear, and 9 and 8 both clear it.
        var form = ScoreRead("16", 16, "9", "8") with { TotalScore = null, Grade = null };
        var (chosen, warnings) = Chooser.Choose(form);
        Assert.Equal(16, chosen.Indicators[0].Score);
        var warning = Assert.Single(warnings);
        Assert.Equal((DiagnosticCodes.AlternativesAmbiguous.Id, "indicators[0].score"), (warning.Code, warning.Field));
    }

    [Fact]
    public void A_form_without_alternatives_is_returned_as_it_is()
    {
        var form = Form();
        var (same, warnings) = Chooser.Choose(form);
        Assert.Same(form, same);
        Assert.Empty(warnings);
    }
}
