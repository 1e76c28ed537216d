using Xunit;
using PerformanceEval.Templates;

namespace PerformanceEval.Tests.Templates;

public sealed class LabelMatcherTests
{
    private static readonly LabelMatcher Matcher = new(TemplateModel.Load("standard", null));

    [Theory]
    [InlineData("5目名称", "ProjectName")]          // OCR misreading
    [InlineData("管部门", "Department")]            // a label cut short
    [InlineData("平度资金总额", "FundingTotal")]
    [InlineData("其中：当年财政拨款", "FundingFiscal")]
    [InlineData("上年结转资 金", "FundingCarryover")]
    [InlineData("预算执行率", null)]                 // an indicator's name, not the 执行率 column
    public void Matches_labels_tolerantly(string text, string? kind) =>
        Assert.Equal(kind, Matcher.Match(text, "ProjectName", "Department", "FundingTotal", "FundingFiscal", "FundingCarryover")?.Kind);

    [Theory]
    [InlineData("年度", "HdrFragment")]
    [InlineData("分值（分）", "HdrWeight")]           // a short label with its unit in brackets
    [InlineData("得分：", "HdrScore")]
    [InlineData("分值，", "HdrWeight")]                // an OCR's stray full-width comma is no word
    [InlineData("年度加强跟踪", null)]                // a note's wrapped line holding 年度 is no label
    [InlineData("平均得分", null)]                    // an indicator's name holding 得分
    public void A_short_label_inside_other_words_is_not_that_label(string text, string? kind) =>
        Assert.Equal(kind, Matcher.Match(text, "HdrFragment", "HdrWeight", "HdrScore")?.Kind);

    [Fact]
    public void A_label_two_kinds_share_is_the_kind_the_caller_names_first()
    {
        // 年度 is a header fragment and a goals fragment: the caller's order decides, whichever order was asked before.
        Assert.Equal("HdrFragment", Matcher.Match("年度", "HdrFragment", "GoalsFragment")?.Kind);
        Assert.Equal("GoalsFragment", Matcher.Match("年度", "GoalsFragment", "HdrFragment")?.Kind);
        Assert.Equal("HdrFragment", Matcher.Match("年度", "HdrFragment", "GoalsFragment")?.Kind);
    }

    [Fact]
    public void What_a_text_was_asked_before_does_not_change_its_answer()
    {
        // Each kind's best is kept per text; an answer must be the one a matcher asked nothing before gives.
        var asked = new LabelMatcher(TemplateModel.Load("standard", null));
        Assert.Null(asked.Match("平度资金总额", "ProjectName"));
        Assert.Equal("FundingFiscal", asked.Match("其中：当年财政拨款", "FundingFiscal", "FundingTotal")?.Kind);
        var fresh = new LabelMatcher(TemplateModel.Load("standard", null));
        foreach (var kinds in new[] { new[] { "FundingFiscal", "FundingTotal" }, ["ProjectName"], ["FundingTotal"], ["FundingOther", "FundingTotal", "ProjectName"] })
            foreach (var text in new[] { "平度资金总额", "其中：当年财政拨款", new string("平度资金总额".ToCharArray()) })
                Assert.Equal(fresh.Match(text, kinds), asked.Match(text, kinds));
        Assert.Equal("FundingTotal", asked.Match("平度资金总额", "ProjectName", "FundingTotal")?.Kind);
    }

    [Theory]
    [InlineData("可持续影响指", "可持续影响指标", false)]
    [InlineData("服务对象 满意度指 标", "服务对象满意度指标", true)]
    [InlineData("· 服务对象满意度指标", "服务对象满意度指标", true)]
    [InlineData("效益指 标", "效益指标", true)]
    public void Matches_level_words_through_breaks_and_noise(string text, string name, bool exact)
    {
        var level = Matcher.MatchLevel(text)!;
        Assert.Equal(name, level.Name);
        Assert.Equal(exact, level.IsExact);
    }

    [Fact]
    public void A_misread_level_word_equally_close_to_two_comes_back_as_a_tie()
    {
        var level = Matcher.MatchLevel("店量指标")!;
        Assert.True(level.IsAmbiguous);
        Assert.Equal(["数量指标", "质量指标"], level.Candidates.Order());
    }

    [Theory]
    [InlineData("对社会影响指标")]
    [InlineData("用户对项目满意度")]
    [InlineData("投诉处置满意度")]
    public void Indicator_names_that_share_words_with_levels_are_not_levels(string name) => Assert.Null(Matcher.MatchLevel(name));

    [Fact]
    public void A_template_without_levels_names_no_level() =>
        // The criteria template has no 一级/二级 vocabulary: asking it for one is an answer (none), not an exception.
        Assert.Null(new LabelMatcher(TemplateModel.Load("criteria", null)).MatchLevel("产出指标"));

    [Fact]
    public void Every_label_of_the_vocabulary_is_found_exactly_as_its_own_kind()
    {
        foreach (var template in new[] { "standard", "criteria" })
        {
            var model = TemplateModel.Load(template, null);
            var matcher = new LabelMatcher(model);
            foreach (var (kind, labels) in model.Labels)
                foreach (var label in labels)
                {
                    var match = matcher.Match(label, kind);
                    // Where two labels of a kind compare equal, the first is named.
                    var first = labels.First(l => LabelMatcher.Key(l) == LabelMatcher.Key(label));
                    Assert.True(match is { Score: 1.0 } && match.Kind == kind && match.Label == first, $"{template} {kind} {label}: {match}");
                }
        }
    }

    [Fact]
    public void A_label_two_kinds_hold_is_named_by_the_kind_the_caller_lists_first()
    {
        // 年度 is a fragment of the indicator header (年度指标值) and of the goals block (年度总体目标).
        Assert.Equal("HdrFragment", Matcher.Match("年度", "HdrFragment", "GoalsFragment")!.Kind);
        Assert.Equal("GoalsFragment", Matcher.Match("年度", "GoalsFragment", "HdrFragment")!.Kind);
    }

    [Theory]
    [InlineData("1,234,567.89")]
    [InlineData("99.85%")]
    [InlineData("绿")]
    public void A_cell_that_shares_no_character_with_the_kinds_asked_matches_nothing(string text) =>
        Assert.Null(Matcher.Match(text, [.. LabelKinds.All]));

    [Fact]
    public void A_vocabulary_of_more_than_64_labels_is_searched_whole()
    {
        // The character index keeps one bit per label: a label past the first 64 must still be found, exactly and misread.
        var labels = Enumerable.Range(0, 100).Select(i => $"\"标签{(char)('甲' + i)}{(char)('乙' + i)}名称\"");
        var many = string.Join(",", labels);
        var model = TemplateModel.Parse("{\"template\":\"big\",\"labels\":{\"Many\":[" + many + "],\"Other\":[\"项目名称\"]}}");
        var matcher = new LabelMatcher(model);
        var ninetieth = $"标签{(char)('甲' + 90)}{(char)('乙' + 90)}名称";
        Assert.Equal(ninetieth, matcher.Match(ninetieth, "Many")!.Label);
        var misread = matcher.Match($"标签{(char)('甲' + 90)}{(char)('乙' + 90)}名", "Many");
        Assert.True(misread is { Score: < 1.0 and >= 0.6 } && misread.Label == ninetieth, $"{misread}");
        Assert.Equal("Other", matcher.Match("项目名称", "Many", "Other")!.Kind);
    }

    [Fact]
    public void The_bit_parallel_subsequence_measure_agrees_with_the_table()
    {
        const string alphabet = "项目名称资金年度指标率满意度5a";
        var random = new Random(3);
        string Word(int max) => new([.. Enumerable.Range(0, random.Next(1, max)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
        for (var i = 0; i < 20_000; i++)
        {
            var (label, cell) = (Word(i % 50 == 0 ? 70 : 14), Word(20));
            Assert.Equal(LabelMatcher.Lcs(cell, label), new LabelMatcher.LcsPattern(label).Lcs(cell));
        }
    }

    [Fact]
    public void A_long_label_whose_pieces_a_dump_set_out_of_order_is_still_that_label_though_not_exactly()
    {
        // Chromium's layout text of a wrapped 偏差原因分析及改进措施 (tuning check set, synthetic 874): "原因分析及改进偏差" over
        // "措施". Its order kept 9 of 11 characters (0.74): too little to name the column, and rows ran into each other.
        var m = Matcher.Match("原因分析及改进偏差措施", "HdrNote");
        Assert.Equal("HdrNote", m?.Kind);
        Assert.False(m!.IsExact);
        Assert.True(m.Score >= 0.8);
        // A short label's characters in another order are another word ("值分"), and a long one missing a character is
        // measured as before.
        Assert.Null(Matcher.Match("值分", "HdrWeight"));
        Assert.True((Matcher.Match("原因分析及改进偏差措", "HdrNote")?.Score ?? 0) < 0.8);
    }
}
