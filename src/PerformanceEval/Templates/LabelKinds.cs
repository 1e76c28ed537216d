namespace PerformanceEval.Templates;

/// <summary>
/// The templates' label kinds (<c>models/standard.json</c>, and the criteria table's columns) grouped as the stages ask for them, each group
/// listed once: Tables and Normalization both look for a funding line or a header, and a copy that drifted from the
/// others would read one input differently from the next.
/// </summary>
public static class LabelKinds
{
    /// <summary>The funding block's lines: 年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金.</summary>
    public static readonly string[] FundingLines = ["FundingTotal", "FundingFiscal", "FundingCarryover", "FundingOther"];

    /// <summary>The funding block's columns in the template's order: 年初预算数 … 得分.</summary>
    public static readonly string[] FundingColumns = ["ColInitial", "ColAnnual", "ColExecuted", "HdrWeight", "ColRate", "HdrScore"];

    /// <summary>The indicator table's columns in the template's order: 一级指标 … 偏差原因分析及改进措施.</summary>
    public static readonly string[] IndicatorColumns = ["HdrLevel1", "HdrLevel2", "HdrName", "HdrTarget", "HdrActual", "HdrWeight", "HdrScore", "HdrNote"];

    /// <summary>The criteria template's table columns in its order (<c>models/criteria.json</c>): 一级指标 … 备注.</summary>
    public static readonly string[] CriteriaColumns = ["HdrLevel1", "HdrName", "HdrExplanation", "HdrWeight", "HdrRule", "HdrScore", "HdrNote"];

    /// <summary>Pieces of labels the template lists as such (年度 / 指标值, 年度 / 总体 / 目标): never a whole label.</summary>
    public static readonly string[] Fragments = ["HdrFragment", "GoalsFragment"];

    /// <summary>Every whole label a form prints, the title aside.</summary>
    public static readonly string[] Whole =
    [
        "ProjectName", "Department", "ImplementingUnit", "FundingBlock", .. FundingLines, "ColInitial", "ColAnnual", "ColExecuted",
        "ColRate", "GoalsSection", "Planned", "Achieved", "IndicatorSection", .. IndicatorColumns, "Total",
    ];

    /// <summary>Everything a row may hold that is the template's own wording, not data: the title, every label, every fragment.</summary>
    public static readonly string[] All = ["Title", .. Whole, .. Fragments];
}
