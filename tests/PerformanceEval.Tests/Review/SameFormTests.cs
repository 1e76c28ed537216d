using PerformanceEval.Contract;
using PerformanceEval.Review;
using Xunit;

namespace PerformanceEval.Tests.Review;

/// <summary>The same form from two sources: known by what it says, and every figure the two read differently shown.</summary>
public sealed class SameFormTests
{
    private static CleanedForm Form(string project, decimal executed = 236500m, decimal? score = 10m, int year = 2023, string department = "上海市宝山区行政服务中心") => new()
    {
        Source = new FormSource { Path = "a.txt", Sha256 = new string('0', 64), InputKind = "text" },
        Template = "standard",
        Year = year,
        ProjectName = project,
        Department = department,
        Funding = new Funding { Total = new FundingLine { AnnualBudget = 480000m, Executed = executed, ExecutionRate = 49.28m } },
        Indicators = [new Indicator { Name = "甲", Weight = 10m, Score = score }],
        TotalScore = 94.93m,
    };

    [Fact]
    public void One_form_is_known_by_year_department_and_project_or_by_its_amounts()
    {
        var tsv = Form("服务费(宝财行签[2023]277号)");
        Assert.True(SameForm.Matches(tsv, Form("服务费 (宝财行签[2023]277号)")));        // spacing is no difference
        Assert.True(SameForm.Matches(tsv, Form("服务费(宝财行签[2O23]277号)")));          // OCR's O for 0: the amounts agree
        Assert.False(SameForm.Matches(tsv, Form("服务费(宝财行签[2O23]277号)", executed: 236000m)));
        Assert.False(SameForm.Matches(tsv, Form("服务费(宝财行签[2023]277号)", year: 2022)));
        Assert.False(SameForm.Matches(tsv, Form("服务费(宝财行签[2023]277号)", department: "上海市松江区行政服务中心")));
    }

    [Fact]
    public void Figures_read_differently_are_listed_and_the_same_figure_printed_with_another_precision_is_not()
    {
        var here = Form("服务费", score: 10m) with { TotalScore = 94.93m };
        var there = Form("服务费", score: 1m) with { TotalScore = 94.930m };
        var differences = SameForm.Differences(here, there);
        var only = Assert.Single(differences);
        Assert.Equal(("indicators[0].score", "10", "1"), (only.Field, only.Here, only.There));
        Assert.Empty(SameForm.Differences(here, here));
    }
}
