using PerformanceEval.Diagnostics;
using PerformanceEval.Tables;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

public sealed partial class StandardFormNormalizer
{
    /// <summary>Every label of the template a row after the 总分 may hold without holding anything to read.</summary>
    private static readonly string[] TemplateLabelKinds =
    [
        "Title", "ProjectName", "Department", "ImplementingUnit", "FundingBlock", "FundingTotal", "FundingFiscal",
        "FundingCarryover", "FundingOther", "ColInitial", "ColAnnual", "ColExecuted", "ColRate", "GoalsSection", "Planned",
        "Achieved", "IndicatorSection", "HdrLevel1", "HdrLevel2", "HdrName", "HdrTarget", "HdrActual", "HdrWeight", "HdrScore",
        "HdrNote", "HdrFragment", "GoalsFragment", "Total",
    ];

    /// <summary>
    /// Reads the rows after the 总分. A form printed whole ends there, but a text dump may write some cells after the rest
    /// of the table (Calc's PDFs through <c>pdftotext -raw</c> put the wrapped cells last: the year, the project name, the
    /// header's labels). The template's own labels there hold nothing to read. A year or a unit the form lacks is taken.
    /// A header value is taken only when it cannot be anything else: one header label of the form stood without a value,
    /// and exactly one row of text is left — and then with a warning that says so. Anything else left is reported, never
    /// dropped in silence.
    /// </summary>
    private void ReadAfterTotal(FormBuilder b, ReadState state)
    {
        var left = new List<(Ingestion.RawRow Row, int Index)>();
        foreach (var (row, ri) in state.AfterTotal)
        {
            var cells = RowText.NonEmpty(row).ToList();
            var joined = RowText.Joined(row);
            if (YearIn(joined) is { } year && joined.Length <= 12 && (b.Year is null || b.Year == year))
            {
                if (b.Year is null)
                {
                    b.Year = year;
                    b.From("year", cells[0], ri, joined);
                }
                continue;
            }
            if (cells.All(c => FormPatterns.IsCurrencyNote(c.Text) || matcher.Match(c.Text, TemplateLabelKinds) is { Score: >= 0.9 }))
            {
                if (b.CurrencyUnit is null && cells.FirstOrDefault(c => FormPatterns.IsCurrencyNote(c.Text)) is { } unit)
                {
                    b.CurrencyUnit = CurrencyIn(TextCleaner.Compact(unit.Text));
                    b.From("currencyUnit", unit, ri);
                }
                continue;
            }
            left.Add((row, ri));
        }
        var unset = new (string Kind, string? Value)[]
            { ("ProjectName", b.ProjectName), ("Department", b.Department), ("ImplementingUnit", b.ImplementingUnit) }
            .Where(f => f.Value is null && state.HeaderLabels.Contains(f.Kind)).ToList();
        if (unset.Count == 1 && left.Count == 1 && IsHeaderValue(left[0].Row))
        {
            var (row, ri) = left[0];
            var cells = RowText.NonEmpty(row).ToList();
            var label = matcher.Model.Labels[unset[0].Kind][0];
            Append(b, unset[0].Kind, TextCleaner.Clean(string.Join(" ", cells.Select(c => c.Text)))!, cells[0], ri);
            b.Warn(DiagnosticCodes.ValueAwayFromLabel,
                $"“{label}”旁没有取值；表格之后唯一未被认领的文字“{RowText.Joined(row)}”按{label}读取", cells[0], ri,
                unset[0].Kind switch { "ProjectName" => "projectName", "Department" => "department", _ => "implementingUnit" });
            return;
        }
        foreach (var (row, ri) in left)
            b.Warn(DiagnosticCodes.TrailingRow, "总分之后的一行未读取", RowText.NonEmpty(row).First(), ri);
    }

    /// <summary>A row that could be a header value: text, not a figure, not an indicator row.</summary>
    private static bool IsHeaderValue(Ingestion.RawRow row)
    {
        var text = RowText.Joined(row);
        return text.Length >= 2 && text.Any(TextCleaner.IsCjk) && !NumberParser.TryParse(text, out _) &&
               RowText.NonEmpty(row).Count(c => NumberParser.TryParse(TextCleaner.Clean(c.Text), out _)) == 0;
    }
}
