using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

public sealed partial class StandardFormNormalizer
{
    private static readonly string[] HeaderKinds = ["ProjectName", "Department", "ImplementingUnit", "FundingBlock"];

    /// <summary>A piece of a header row: a label, or a value with the cell it came from.</summary>
    private sealed record HeaderItem(string? LabelKind, string? Value, RawCell Cell, bool AfterGap);

    /// <summary>
    /// Reads a header row (项目名称 / 主管部门 / 实施单位). A value belongs to the label before it on the row; a value
    /// split over several cells ("互聪 | 网+政务服务"管 | 理经费") is joined; a value with no label before it but
    /// 实施单位 after it is the 主管部门 whose label the OCR lost; in layout text a label alone on its line takes
    /// the lines below it.
    /// </summary>
    private void ReadHeaderRow(FormBuilder b, RawRow row, int ri, ReadState state)
    {
        var items = HeaderItems(row);
        if (items.Count == 0) return;
        var hasLabel = items.Any(i => i.LabelKind is not null);
        string? current = !hasLabel && row.Origin is RowOrigin.Layout ? state.OpenHeaderLabel : null;
        var laterUnit = items.Any(i => i.LabelKind == "ImplementingUnit");
        var valuesSinceLabel = 0;
        foreach (var item in items)
        {
            if (item.LabelKind is not null)
            {
                state.HeaderLabels.Add(item.LabelKind);
                current = item.LabelKind;
                valuesSinceLabel = 0;
                continue;
            }
            var field = current;
            if (field is null && laterUnit) field = "Department";
            else if (field is null && hasLabel is false && row.Origin is not RowOrigin.Layout) continue;
            else if (item.AfterGap && valuesSinceLabel > 0 && field == "Department")
            {
                // A second value after a gap on a 主管部门 row: the 实施单位 value whose label the OCR lost.
                field = "ImplementingUnit";
                b.Warn(DiagnosticCodes.HeaderLabelLost, "主管部门一行中空格之后的内容按实施单位读取", item.Cell, ri, "implementingUnit");
            }
            if (field is null or "FundingBlock") continue;
            Append(b, field, item.Value!, item.Cell, ri);
            valuesSinceLabel++;
            current = field;
        }
        state.OpenHeaderLabel = current;
    }

    private List<HeaderItem> HeaderItems(RawRow row)
    {
        var items = new List<HeaderItem>();
        var gap = false;
        var empties = 0;
        foreach (var cell in row.Cells)
        {
            var text = TextCleaner.Clean(cell.Text);
            if (text is null || IsMarginNoise(text))
            {
                empties++;
                continue;
            }
            gap = empties >= 2 && items.Count > 0;
            empties = 0;
            var key = LabelMatcher.Key(text);
            var whole = matcher.Match(text, HeaderKinds);
            if (whole is { Score: >= 0.65 } && key.Length <= whole.Label.Length + 4)
            {
                items.Add(new HeaderItem(whole.Kind, null, cell, gap));
                continue;
            }
            var inside = matcher.FindInside(text, HeaderKinds);
            var at = 0;
            foreach (var (start, length, kind) in inside)
            {
                if (start > at) items.Add(new HeaderItem(null, text[at..start].Trim(), cell, gap));
                items.Add(new HeaderItem(kind, null, cell, gap));
                at = start + length;
                gap = false;
            }
            if (at < text.Length && text[at..].Trim() is { Length: > 0 } rest)
                items.Add(new HeaderItem(null, rest, cell, gap));
        }
        return items;
    }

    /// <summary>Letters the OCR reads off the form's left margin and ruling: "I", "Ξ", "J", "IJ", "Ė".</summary>
    private static bool IsMarginNoise(string text) =>
        text.Length <= 2 && !text.Any(char.IsDigit) && !text.Any(TextCleaner.IsCjk);

    private static void Append(FormBuilder b, string field, string value, RawCell cell, int ri)
    {
        var path = field switch
        {
            "ProjectName" => "projectName",
            "Department" => "department",
            _ => "implementingUnit",
        };
        var existing = field switch
        {
            "ProjectName" => b.ProjectName,
            "Department" => b.Department,
            _ => b.ImplementingUnit,
        };
        var joined = existing is null ? value : JoinSplit(b, existing, value, cell, ri);
        var repaired = b.Repair(joined, cell, path);
        switch (field)
        {
            case "ProjectName": b.ProjectName = repaired; break;
            case "Department": b.Department = repaired; break;
            default: b.ImplementingUnit = repaired; break;
        }
        b.From(path, cell, ri);
    }

    /// <summary>
    /// Joins a value the OCR split over cells or lines. Where the split repeated a character on both sides
    /// ("上海市 | 市青浦区"), one is dropped.
    /// </summary>
    private static string JoinSplit(FormBuilder b, string left, string right, RawCell cell, int ri)
    {
        if (left.Length > 0 && right.Length > 0 && left[^1] == right[0] && TextCleaner.IsCjk(right[0]))
        {
            b.Warn(DiagnosticCodes.CellSplit, $"“{left}”与“{right}”是被拆开的一个单元格，拆分处重复的字已删去", cell, ri);
            return left + right[1..];
        }
        b.Warn(DiagnosticCodes.CellSplit, $"“{left}”与“{right}”是被 OCR 拆开的一个单元格，已拼接", cell, ri);
        var space = left.Length > 0 && right.Length > 0 && !TextCleaner.IsCjk(left[^1]) && !TextCleaner.IsCjk(right[0]) &&
                    char.IsLetterOrDigit(left[^1]) && char.IsLetterOrDigit(right[0]);
        var joined = left + (space ? " " : "") + right;
        // Each piece was read on its own: a "（" in one and its ")" in the other were never seen together.
        return cell.Source.Confidence is null ? joined : Ingestion.Ocr.FullWidthMarks.PairBrackets(joined);
    }
}
