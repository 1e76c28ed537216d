using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using PerformanceEval.Tables;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

/// <summary>
/// Maps a criteria-template form (一级指标 with section weight, 指标名称, 指标解释, 权重, 评分规则, 自评得分, 备注)
/// to the contract: label/value pairs above the table, indicator rows by the table's header, the 合计 row, and the
/// grade bands the form prints in its 说明.
/// </summary>
public sealed partial class CriteriaFormNormalizer(LabelMatcher matcher) : IFormNormalizer
{
    private static readonly string[] HeaderKinds =
    [
        "ProjectName", "Department", "ImplementingOffice", "Recurring", "CurrentBudget", "PreviousBudget", "BudgetExecuted",
        "BudgetRate", "AnnualGoal", "EvaluationDate", "Grade", "MainResults", "MainProblems", "Improvements",
    ];
    private static readonly string[] TableKinds = LabelKinds.CriteriaColumns;

    public StageResult<NormalizedForm> Normalize(FormGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var b = new FormBuilder(grid, matcher.Model);
        var total = new FundingLine();
        ColumnMap? columns = null;
        string? section = null;
        (RawCell Cell, int Row)? sectionCell = null;
        RawRow? previous = null;
        var totalSeen = false;
        for (var ri = 0; ri < grid.Rows.Length; ri++)
        {
            var row = grid.Rows[ri];
            var joined = RowText.Joined(row);
            if (FormSegmenter.IsTitle(joined))
            {
                if (FormPatterns.YearIn(joined) is { } y) { b.Year = y; b.From("year", RowText.NonEmpty(row).First(), ri, joined); }
                continue;
            }
            if (totalSeen || joined.StartsWith("说明"))
            {
                // The footnote below the table: nothing to read but the grade bands it may print.
                b.PrintedBands ??= Bands(joined);
                continue;
            }
            var cells = RowText.NonEmpty(row).ToList();
            if (cells.Count(c => matcher.Match(c.Text, TableKinds) is { IsExact: true }) >= 4)
            {
                columns = ColumnMap.Of(row, matcher, TableKinds, minScore: 0.95);
                continue;
            }
            if (columns is null)
            {
                ReadLabelValues(b, ref total, cells, ri);
                continue;
            }
            var labelled = matcher.Match(cells.FirstOrDefault()?.Text, "Total") is { IsExact: true };
            // A 合计 OCR garbled past recognition: a row weighing 100 after the indicators is the total, since no
            // indicator weighs what the whole form does.
            var garbled = !labelled && b.Indicators.Count > 0 && WeighsTheWhole(row, columns);
            if (garbled)
                b.Warn(DiagnosticCodes.TotalUnlabelled, $"指标之后权重为 100 的一行“{RowText.Joined(row)}”按合计读取（“合计”识别有误）",
                    columns.CellFor(row.Cells, "HdrWeight"), ri, "totalScore");
            if (labelled || garbled)
            {
                b.TotalWeight = NumberAt(row, columns, "HdrWeight", b, "totalWeight", ri);
                b.TotalScore = NumberAt(row, columns, "HdrScore", b, "totalScore", ri);
                totalSeen = true;
                continue;
            }
            ReadIndicator(b, row, ri, columns, ref section, ref sectionCell, ref previous);
        }
        b.Total = total;
        b.PrintedBands ??= grid.Rows.Select(r => Bands(RowText.Joined(r))).FirstOrDefault(x => x is not null);
        return new(new NormalizedForm(b.Build("criteria"), b.PrintedBands) { ReadFrom = b.Sources }, [.. b.Diagnostics]);
    }

    private void ReadLabelValues(FormBuilder b, ref FundingLine total, List<RawCell> cells, int ri)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (matcher.Match(cells[i].Text, HeaderKinds) is not { Score: >= 0.9 } label) continue;
            if (i + 1 >= cells.Count || matcher.Match(cells[i + 1].Text, HeaderKinds) is { Score: >= 0.9 }) continue;
            var cell = cells[++i];
            var text = TextCleaner.Clean(cell.Text);
            if (label.Kind is "CurrentBudget" && FormPatterns.CurrencyIn(TextCleaner.Compact(cells[i - 1].Text)) is { } unit)
            {
                b.CurrencyUnit = unit;
                b.From("currencyUnit", cells[i - 1], ri);
            }
            var number = NumberParser.TryParse(text, out var n) ? n.Value : (decimal?)null;
            var path = Set(b, ref total, label.Kind, text, number);
            if (path is not null) b.From(path, cell, ri);
        }
    }

    private static string? Set(FormBuilder b, ref FundingLine total, string kind, string? text, decimal? number)
    {
        switch (kind)
        {
            case "ProjectName": b.ProjectName = b.Repair(text, null, "projectName"); return "projectName";
            case "Department": b.Department = text; return "department";
            case "ImplementingOffice": b.ImplementingOffice = text; return "implementingOffice";
            case "Recurring": b.Recurring = text switch { "是" => true, "否" => false, _ => null }; return "recurring";
            case "CurrentBudget": total = total with { AnnualBudget = number }; return "funding.total.annualBudget";
            case "PreviousBudget": b.PreviousYearBudget = number; return "funding.previousYearBudget";
            case "BudgetExecuted": total = total with { Executed = number }; return "funding.total.executed";
            case "BudgetRate": total = total with { ExecutionRate = number }; return "funding.total.executionRate";
            case "AnnualGoal": b.Planned = text; return "goals.planned";
            case "EvaluationDate": b.EvaluationDate = IsoDate(text); return "evaluationDate";
            case "Grade": b.Grade = text; return "grade";
            case "MainResults": b.MainResults = text; return "mainResults";
            case "MainProblems": b.MainProblems = text; return "mainProblems";
            case "Improvements": b.Improvements = text; return "improvements";
            default: return null;
        }
    }

    private void ReadIndicator(FormBuilder b, RawRow row, int ri, ColumnMap columns, ref string? section,
        ref (RawCell Cell, int Row)? sectionCell, ref RawRow? previous)
    {
        string? At(string kind) => TextCleaner.Clean(columns.CellFor(row.Cells, kind)?.Text);
        var level1 = At("HdrLevel1");
        if (level1 is not null)
        {
            var m = SectionWeight().Match(level1);
            var name1 = m.Success ? m.Groups[1].Value.Trim() : level1;
            // A merged 一级指标 cell read from a ruled page comes with each row it spans: one section, not one a row.
            if (name1 != section)
            {
                section = name1;
                decimal? weight = m.Success && decimal.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out var w) ? w : null;
                b.Sections.Add(new Section(section, weight));
                var sectionLabel = columns.CellFor(row.Cells, "HdrLevel1")!;
                sectionCell = (sectionLabel, ri);
                b.From($"sections[{b.Sections.Count - 1}].name", sectionLabel, ri);
                b.From($"sections[{b.Sections.Count - 1}].weight", sectionLabel, ri);
            }
        }
        var name = At("HdrName");
        var p = $"indicators[{b.Indicators.Count}]";
        if (Continues(b, row, columns, previous))
        {
            // The rest of the indicator above: a row a page break split (text only), or a second grid row of an
            // indicator whose 权重 cell spans both (the same merged cell): its own text pieces are appended.
            AppendText(b, row, ri, columns, previous!);
            previous = row;
            return;
        }
        var weightValue = NumberAt(row, columns, "HdrWeight", b, $"{p}.weight", ri);
        if (name is null && weightValue is null) return;
        previous = row;
        b.Indicators.Add(new Indicator
        {
            Level1 = section,
            Name = name,
            Explanation = At("HdrExplanation"),
            Weight = weightValue,
            ScoringRule = At("HdrRule"),
            Score = NumberAt(row, columns, "HdrScore", b, $"{p}.score", ri),
            Note = At("HdrNote"),
        });
        // A section label spans its rows (a merged cell): every row's 一级指标 points at it.
        if (sectionCell is { } sc) b.From($"{p}.level1", sc.Cell, sc.Row);
        foreach (var (kind, field) in new[] { ("HdrName", "name"), ("HdrExplanation", "explanation"), ("HdrRule", "scoringRule"), ("HdrNote", "note") })
            if (columns.CellFor(row.Cells, kind) is { IsEmpty: false } cell)
                b.From($"{p}.{field}", cell, ri);
    }

    private static bool WeighsTheWhole(RawRow row, ColumnMap columns) =>
        NumberParser.TryParse(TextCleaner.Clean(columns.CellFor(row.Cells, "HdrWeight")?.Text), out var weight) && weight.Value == 100m;

    private static readonly (string Kind, string Field)[] TextColumns =
        [("HdrName", "name"), ("HdrExplanation", "explanation"), ("HdrRule", "scoringRule"), ("HdrNote", "note")];

    /// <summary>
    /// Whether a row continues the indicator read from <paramref name="previous"/>: positioned cells only (a text dump
    /// has no boxes to tell), and either its 权重 is the very cell of the row above (a merged cell carried down) or it
    /// has neither 权重 nor 自评得分 yet holds text (a row split by a page break).
    /// </summary>
    private static bool Continues(FormBuilder b, RawRow row, ColumnMap columns, RawRow? previous)
    {
        if (previous is null || b.Indicators.Count == 0) return false;
        RawCell? Cell(RawRow r, string kind) => columns.CellFor(r.Cells, kind);
        var weight = Cell(row, "HdrWeight");
        if (weight?.Source.Box is null) return false;
        if (!weight.IsEmpty && weight.Source.Box == Cell(previous, "HdrWeight")?.Source.Box) return true;
        return weight.IsEmpty && Cell(row, "HdrScore") is null or { IsEmpty: true } &&
               TextColumns.Any(t => Cell(row, t.Kind) is { IsEmpty: false });
    }

    /// <summary>Appends a continuation row's own text pieces (not cells carried down from the row above) to the last indicator.</summary>
    private static void AppendText(FormBuilder b, RawRow row, int ri, ColumnMap columns, RawRow previous)
    {
        var last = b.Indicators[^1];
        foreach (var (kind, field) in TextColumns)
        {
            if (columns.CellFor(row.Cells, kind) is not { IsEmpty: false } cell) continue;
            if (cell.Source.Box == columns.CellFor(previous.Cells, kind)?.Source.Box) continue;
            // A field first filled here is read from here; one continued keeps where it began.
            b.From($"indicators[{b.Indicators.Count - 1}].{field}", cell, ri);
            var text = TextCleaner.Clean(cell.Text);
            string? Join(string? before) => before is null ? text : before + text;
            last = kind switch
            {
                "HdrName" => last with { Name = Join(last.Name) },
                "HdrExplanation" => last with { Explanation = Join(last.Explanation) },
                "HdrRule" => last with { ScoringRule = Join(last.ScoringRule) },
                _ => last with { Note = Join(last.Note) },
            };
        }
        b.Indicators[^1] = last;
    }

    private static decimal? NumberAt(RawRow row, ColumnMap columns, string kind, FormBuilder b, string path, int ri)
    {
        if (columns.CellFor(row.Cells, kind) is not { } cell) return null;
        if (!NumberParser.TryParse(TextCleaner.Clean(cell.Text), out var n)) return null;
        b.From(path, cell, ri);
        return n.Value;
    }

    /// <summary>The bands a 说明 prints: "自评合计90（含）-100分为优秀，75（含）-90分为良好…0-60分为不合格".</summary>
    internal static GradeScale? Bands(string text)
    {
        var bands = BandPattern().Matches(text)
            .Select(m => new GradeBand(decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value))
            .ToImmutableArray();
        return bands.Length >= 2 ? new GradeScale(bands) : null;
    }

    private static string? IsoDate(string? text)
    {
        if (text is null) return null;
        var m = DatePattern().Match(text);
        return m.Success ? $"{m.Groups[1].Value}-{int.Parse(m.Groups[2].Value):00}-{int.Parse(m.Groups[3].Value):00}" : null;
    }


    [GeneratedRegex(@"^(.*?)\s*[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$")]
    private static partial Regex SectionWeight();

    [GeneratedRegex(@"(\d+)(?:（含）|\(含\))?-\d+分为([^，。,；;\d]+)")]
    private static partial Regex BandPattern();

    [GeneratedRegex(@"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")]
    private static partial Regex DatePattern();
}
