using System.Collections.Immutable;

namespace PerformanceEval.Contract;

/// <summary>
/// One cleaned 财政项目支出绩效自评表 in the contract of <c>shared/contract/</c> (schemaVersion 2;
/// version 1, whose warnings were strings, is read too).
/// </summary>
/// <remarks>
/// Numbers are <see cref="decimal"/>s that keep the scale they were printed with: "7.30" is 7.30m (scale 2),
/// so the checker knows a figure's printed precision and the JSON writes it back as 7.30.
/// </remarks>
public sealed record CleanedForm
{
    /// <summary>
    /// The table the form was read from, when the pipeline was asked to keep it (the importer does): not exported —
    /// the store keeps it beside the form for the review page.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ReadTable? ReadTable { get; init; }

    /// <summary>The version this program writes.</summary>
    public const string CurrentVersion = "2";

    public string SchemaVersion { get; init; } = CurrentVersion;
    public required FormSource Source { get; init; }
    public required string Template { get; init; }
    public int? Year { get; init; }
    public string? ProjectName { get; init; }
    public string? Department { get; init; }
    /// <summary>
    /// The department's canonical name (<c>models/departments.json</c>): what filters and reports group by, while
    /// <see cref="Department"/> stays as printed. Beyond the contract's members, which it allows.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? DepartmentCanonical { get; init; }
    public string? ImplementingUnit { get; init; }
    public string? ImplementingOffice { get; init; }
    public bool? Recurring { get; init; }
    public string? CurrencyUnit { get; init; }
    public Funding Funding { get; init; } = new();
    public Goals Goals { get; init; } = new();
    public ImmutableArray<Indicator> Indicators { get; init; } = [];
    public decimal? TotalWeight { get; init; }
    public decimal? TotalScore { get; init; }
    public ImmutableArray<Section> Sections { get; init; } = [];
    public string? Grade { get; init; }
    public string? EvaluationDate { get; init; }
    public string? MainResults { get; init; }
    public string? MainProblems { get; init; }
    public string? Improvements { get; init; }
    public ImmutableArray<Finding> Findings { get; init; } = [];
    public ImmutableArray<Warning> Warnings { get; init; } = [];
    public IReadOnlyDictionary<string, FieldProvenance> Provenance { get; init; } = new Dictionary<string, FieldProvenance>();
}

/// <summary>Where a form came from.</summary>
public sealed record FormSource
{
    public required string Path { get; init; }
    public required string Sha256 { get; init; }
    public int FormIndex { get; init; }
    public ImmutableArray<int>? Pages { get; init; }
    public required string InputKind { get; init; }
}

/// <summary>The 项目资金 block: one <see cref="FundingLine"/> per row.</summary>
public sealed record Funding
{
    public FundingLine? Total { get; init; }
    public FundingLine? Fiscal { get; init; }
    public FundingLine? Carryover { get; init; }
    public FundingLine? Other { get; init; }
    public decimal? PreviousYearBudget { get; init; }
}

/// <summary>One row of the funding block (年度资金总额, 当年财政拨款, 上年结转资金, 其他资金).</summary>
public sealed record FundingLine
{
    public decimal? InitialBudget { get; init; }
    public decimal? AnnualBudget { get; init; }
    public decimal? Executed { get; init; }
    public decimal? Weight { get; init; }
    /// <summary>Percent: 83.15 for "83.15%".</summary>
    public decimal? ExecutionRate { get; init; }
    public decimal? Score { get; init; }

    internal bool IsEmpty => InitialBudget is null && AnnualBudget is null && Executed is null &&
                             Weight is null && ExecutionRate is null && Score is null;
}

/// <summary>年度总体目标: what was planned and what was achieved.</summary>
public sealed record Goals
{
    public string? Planned { get; init; }
    public string? Achieved { get; init; }
}

/// <summary>One 绩效指标 row.</summary>
public sealed record Indicator
{
    public string? Level1 { get; init; }
    public string? Level2 { get; init; }
    public string? Name { get; init; }
    public string? Target { get; init; }
    public string? Actual { get; init; }
    public decimal? Weight { get; init; }
    public decimal? Score { get; init; }
    public string? Note { get; init; }
    public string? Explanation { get; init; }
    public string? ScoringRule { get; init; }
}

/// <summary>A <c>criteria</c> 一级指标 section and its printed weight ("投入与管理 (36分)").</summary>
public sealed record Section(string Name, decimal? Weight);

/// <summary>What the checker flags.</summary>
public sealed record Finding
{
    public required string Rule { get; init; }
    public required string Severity { get; init; }
    public required string Field { get; init; }
    /// <summary>What the form says: a number or a text.</summary>
    public object? Stated { get; init; }
    /// <summary>What was recomputed.</summary>
    public object? Expected { get; init; }
    public required string Message { get; init; }
    /// <summary>stated − expected when both are numbers, else null.</summary>
    public decimal? Difference { get; init; }
    /// <summary>The yuan concerned when the rule is about money (see <c>FindingAmounts</c>), else null.</summary>
    public decimal? Amount { get; init; }

    /// <summary>
    /// Whether what is at stake reaches the materiality thresholds (pipeline.json <c>checker.materialYuan</c> and
    /// <c>materialPoints</c>; see <c>FindingStakes</c>). Beyond the contract's members, which it allows; null on a
    /// finding read back from a file written before it existed.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? Material { get; init; }

    /// <summary>
    /// True when a figure the finding was computed from was read by OCR under the confidence bar or carries an OCR
    /// warning: the discrepancy may be the reading's, not the form's. Beyond the contract's members, as above.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? SuspectedMisread { get; init; }

    /// <summary>
    /// What this finding shares its cause with other findings of the form under (<c>FindingCauses</c>: the funding
    /// breakdown, a line's rate and the score computed from it, the total and the grade read against it); null when it
    /// stands alone. Beyond the contract's members, as above.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Cause { get; init; }
}

/// <summary>Where one field was read.</summary>
public sealed record FieldProvenance
{
    public int? Page { get; init; }
    public int? Line { get; init; }
    public int? Row { get; init; }
    public int? Col { get; init; }
    public ImmutableArray<double>? Box { get; init; }
    public string? Text { get; init; }
    public double? Confidence { get; init; }

    /// <summary>
    /// Other readings the OCR engine offered for this cell (its own alternative symbols), when it was unsure;
    /// written only then. Beyond the contract's members, which it allows.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ImmutableArray<string>? Alternatives { get; init; }

    /// <summary>
    /// How the field was placed when it was not by where it stood: <c>arithmetic</c> (the form's own relations chose
    /// its slot: an amount placed by the printed rate), <c>order-free</c> (a text out of the table's order, read by the
    /// template's labels and the figures' kinds), <c>level-cues</c> (a 二级指标 placed by what its rows say), <c>pairing</c> (a target or
    /// an actual of a column that left a row empty, placed beside the row's other measure of its kind). Written
    /// only then; beyond the contract's members, which it allows.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? PlacedBy { get; init; }
}
