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

    /// <summary>
    /// Indicators 1 and 2 scored 0 (no score can exceed its weight), indicator 1's weight read 2 under what was printed
    /// (its score <paramref name="score1"/>) with the printed weight among the engine's readings, indicator 2's weight
    /// read as printed with a reading 2 over it: either reading makes the weights add up to 100 again.
    /// </summary>
    private static (CleanedForm Form, decimal Weight1, decimal Weight2) TwoWeightsUnsure(decimal? score1 = null)
    {
        var form = Form() with { TotalScore = null, Grade = null };
        var (w1, w2) = (form.Indicators[1].Weight!.Value, form.Indicators[2].Weight!.Value);
        var provenance = new Dictionary<string, FieldProvenance>(form.Provenance)
        {
            ["indicators[1].weight"] = new() { Page = 1, Box = [1, 2, 3, 4], Text = $"{w1 - 2}", Confidence = 0.41, Alternatives = [$"{w1}"] },
            ["indicators[2].weight"] = new() { Page = 1, Box = [1, 5, 3, 8], Text = $"{w2}", Confidence = 0.5, Alternatives = [$"{w2 + 2}"] },
        };
        var indicators = form.Indicators
            .SetItem(1, form.Indicators[1] with { Weight = w1 - 2, Score = score1 ?? 0 })
            .SetItem(2, form.Indicators[2] with { Score = 0 });
        return (form with { Indicators = indicators, Provenance = provenance }, w1, w2);
    }

    [Fact]
    public void A_sum_two_unsure_figures_could_each_mend_is_reported_and_neither_is_changed()
    {
        var (form, w1, w2) = TwoWeightsUnsure();
        Assert.Contains(Fixtures.Pipeline.Checker.Check(form), f => f.Rule == "weight-sum");

        var (chosen, warnings) = Chooser.Choose(form);

        Assert.Equal((w1 - 2, w2), (chosen.Indicators[1].Weight, chosen.Indicators[2].Weight));
        Assert.DoesNotContain(warnings, w => w.Code == DiagnosticCodes.AlternativeChosen.Id);
        Assert.Contains(warnings, w => w.Code == DiagnosticCodes.AlternativesAmbiguous.Id && w.Field == "indicators[1].weight" && w.Message.Contains("indicators[2].weight"));
    }

    [Fact]
    public void The_figure_whose_reading_mends_more_than_the_sum_is_the_one_changed()
    {
        // Indicator 1 scored full marks over its weight read 2 short: only its weight's reading mends that as well.
        var (form, w1, w2) = TwoWeightsUnsure(score1: Form().Indicators[1].Weight);

        var (chosen, warnings) = Chooser.Choose(form);

        Assert.Equal((w1, w2), (chosen.Indicators[1].Weight, chosen.Indicators[2].Weight));
        Assert.Contains(warnings, w => w.Code == DiagnosticCodes.AlternativeChosen.Id && w.Field == "indicators[1].weight");
        Assert.DoesNotContain(warnings, w => w.Code == DiagnosticCodes.AlternativeChosen.Id && w.Field == "indicators[2].weight");
    }
}
