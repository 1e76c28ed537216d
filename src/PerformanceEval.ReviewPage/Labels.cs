using System.Text.RegularExpressions;

namespace PerformanceEval.ReviewPage;

/// <summary>The page's Chinese names for rules, severities, review states and form fields.</summary>
internal static partial class Labels
{
    /// <summary>Why a finding is marked 疑似识别错误, shown where the mark is.</summary>
    public const string SuspectExplained = "据以复核的数字中有 OCR 置信度不足或重新识别的读数：请先对照原件核对读数";

    /// <summary>The reviewers' clock: Shanghai time, to the second (the store keeps UTC, ISO 8601).</summary>
    private static readonly TimeZoneInfo Shanghai = FindShanghai();

    private static TimeZoneInfo FindShanghai()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // No tz database: China has kept UTC+8 without daylight saving since 1991.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "Asia/Shanghai", "中国标准时间");
        }
    }

    /// <summary>"2026-12-02 13:37:05" from the store's "2026-12-02T05:37:05.1234567+00:00"; the text itself when it is no time.</summary>
    public static string Time(string stored) =>
        DateTimeOffset.TryParse(stored, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? TimeZoneInfo.ConvertTime(t, Shanghai).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
            : stored;

    public static string Rule(string rule) => rule switch
    {
        "execution-rate" => "预算执行率不符",
        "budget-score" => "预算执行得分不符",
        "total-score" => "总分与各项得分合计不符",
        "weight-sum" => "分值合计不为100",
        "score-exceeds-weight" => "得分超过分值",
        "section-weight" => "一级指标分值不符",
        "target-not-met" => "未完成目标却得满分",
        "target-exceeded" => "实际值超出目标",
        "no-actual-scored" => "无实际完成值却得分",
        "rate-indicator-mismatch" => "执行率指标与资金表不符",
        "executed-exceeds-budget" => "执行数超过预算数",
        "funding-breakdown" => "资金构成合计不符",
        "grade-mismatch" => "绩效等级与总分不符",
        "currency-unit" => "金额单位可疑",
        "missing-field" => "缺少必填项",
        _ => rule,
    };

    public static string Severity(string severity) => severity switch
    {
        "error" => "错误",
        "warning" => "警告",
        "info" => "提示",
        _ => severity,
    };

    public static string Status(string status) => status switch
    {
        "pending" => "待审核",
        "confirm" => "已确认",
        "dismiss" => "已驳回",
        "resolved" => "已更正消除",
        "correct" => "更正",
        _ => status,
    };

    /// <summary>A form's review state (<see cref="Storage.FormStore.FormStates"/>).</summary>
    public static string FormState(string state) => state switch
    {
        "pending" => "待审核",
        "reviewing" => "审核中",
        "signed" => "已审结",
        _ => state,
    };

    private static string Leaf(string name) => name switch
    {
        "initialBudget" => "年初预算数",
        "annualBudget" => "全年预算数",
        "executed" => "全年执行数",
        "weight" => "分值",
        "executionRate" => "执行率",
        "score" => "得分",
        "level1" => "一级指标",
        "level2" => "二级指标",
        "name" => "三级指标",
        "target" => "年度指标值",
        "actual" => "实际完成值",
        "note" => "偏差原因分析及改进措施",
        "explanation" => "指标解释",
        "scoringRule" => "评分标准",
        "totalScore" => "总分",
        "totalWeight" => "总分值",
        "grade" => "绩效等级",
        "year" => "年度",
        "projectName" => "项目名称",
        "department" => "主管部门",
        "implementingUnit" => "项目实施单位",
        "implementingOffice" => "项目实施处室",
        "currencyUnit" => "金额单位",
        "previousYearBudget" => "上年预算数",
        "total" => "年度资金总额",
        "fiscal" => "当年财政拨款",
        "carryover" => "上年结转资金",
        "other" => "其他资金",
        "funding" => "项目资金",
        "indicators" => "绩效指标",
        "goals" => "年度总体目标",
        "planned" => "预期目标",
        "achieved" => "实际完成情况",
        "sections" => "一级指标",
        "evaluationDate" => "评价日期",
        "mainResults" => "主要绩效",
        "mainProblems" => "存在问题",
        "improvements" => "改进措施",
        _ => name,
    };

    /// <summary>"indicators[3].score" → "绩效指标第4行 · 得分"; "funding.total.executed" → "年度资金总额 · 全年执行数".</summary>
    public static string Field(string path)
    {
        var parts = new List<string>();
        foreach (Match m in Step().Matches(path))
        {
            if (m.Groups["name"].Value == "funding" && parts.Count == 0 && !path.Equals("funding", StringComparison.Ordinal)) continue;
            var label = Leaf(m.Groups["name"].Value);
            if (m.Groups["index"].Success) label += $"第{int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}行";
            parts.Add(label);
        }
        return parts.Count == 0 ? path : string.Join(" · ", parts);
    }

    [GeneratedRegex(@"(?<name>[A-Za-z][A-Za-z0-9]*)(\[(?<index>\d+)\])?")]
    private static partial Regex Step();
}
