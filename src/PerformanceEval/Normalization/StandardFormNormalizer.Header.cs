using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

public sealed partial class StandardFormNormalizer
{
    private static readonly string[] HeaderKinds = ["ProjectName", "Department", "ImplementingUnit", "FundingBlock"];

    /// <summary>A piece of a header row: a label, or a value with the cell it came from.</summary>
    /// <param name="LabelKind">The label's kind; null for a value.</param>
    /// <param name="Value">The value's text; null for a label.</param>
    /// <param name="Cell">The cell it was read in.</param>
    /// <param name="AfterGap">Two or more empty cells before it.</param>
    /// <param name="Garbled">A label read where OCR garbled it (<see cref="GarbledUnitLabel"/>): as it was read.</param>
    private sealed record HeaderItem(string? LabelKind, string? Value, RawCell Cell, bool AfterGap, string? Garbled = null);

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
                if (item.Garbled is not null)
                    b.Warn(DiagnosticCodes.TextRepaired, TextCleaner.Clean(item.Cell.Text) is var read && read == item.Garbled
                            ? $"主管部门一行的单元格“{read}”是 OCR 识别有误的“实施单位”标签，其后的文字按实施单位读取"
                            : $"主管部门“{read}”中的“{item.Garbled}”是 OCR 识别有误的“实施单位”标签，其后的文字按实施单位读取",
                        item.Cell, ri, "implementingUnit");
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
            if (inside.Length == 0 && cell.Source.Confidence is not null && items.Count > 0 && items[^1].LabelKind == "Department" &&
                GarbledUnitLabel(text) is { } garbled)
            {
                items.Add(new HeaderItem(null, garbled.Before, cell, gap));
                items.Add(new HeaderItem("ImplementingUnit", null, cell, false, garbled.Label));
                items.Add(new HeaderItem(null, garbled.After, cell, false));
                continue;
            }
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
        // The garbled label in a cell of its own, between the department's cell and the unit's: the same test, on the three.
        for (var k = 1; k + 2 < items.Count; k++)
            if (items[k - 1].LabelKind == "Department" && items[k] is { LabelKind: null, Value: { } name } &&
                items[k + 1] is { LabelKind: null, Value: { Length: 4 } label, Cell.Source.Confidence: not null } &&
                items[k + 2] is { LabelKind: null, Value: { } unit } && GarbledUnitLabel(name + label + unit) is { } garbled && garbled.Label == label)
                items[k + 1] = items[k + 1] with { LabelKind = "ImplementingUnit", Value = null, Garbled = label };
        return items;
    }

    /// <summary>
    /// A 实施单位 label OCR garbled inside a scanned 主管部门 value, the rule between their cells lost, or in a cell of its
    /// own ("宝山芭行政服务中心 | 宗郊单位 | 宝山区行政服务中心"; "上海市闵行区生态环境局医施单位上海市闵行区生态环境服务站" in one
    /// cell). Two ideographs and 单位, with a name
    /// of four characters or more on each side, where the name after is one's as well: it shares three characters in a
    /// row with the department's, or begins with 上海市 (a unit is most often the department's own, or one of its city's).
    /// </summary>
    private static (string Before, string Label, string After)? GarbledUnitLabel(string text)
    {
        for (var at = text.IndexOf("单位", StringComparison.Ordinal); at >= 0; at = text.IndexOf("单位", at + 1, StringComparison.Ordinal))
        {
            if (at < 6 || !TextCleaner.IsCjk(text[at - 2]) || !TextCleaner.IsCjk(text[at - 1])) continue;
            var (before, after) = (text[..(at - 2)].Trim(), text[(at + 2)..].Trim());
            if (before.Length < 4 || after.Count(TextCleaner.IsCjk) < 4) continue;
            var related = Enumerable.Range(0, Math.Max(0, after.Length - 2)).Any(k => before.Contains(after.Substring(k, 3), StringComparison.Ordinal) &&
                                                                                     after.Substring(k, 3).All(TextCleaner.IsCjk));
            if (related || after.IndexOf("上海市", StringComparison.Ordinal) is >= 0 and <= 3) return (before, text.Substring(at - 2, 4), after);
        }
        return null;
    }

    /// <summary>Letters the OCR reads off the form's left margin and ruling: "I", "Ξ", "J", "IJ", "Ė".</summary>
    private static bool IsMarginNoise(string text) =>
        text.Length <= 2 && !text.Any(char.IsDigit) && !text.Any(TextCleaner.IsCjk);

    private void Append(FormBuilder b, string field, string value, RawCell cell, int ri)
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
        // A scan's department or unit whose city-and-district head the reader garbled ("上上上海市宝山区…"), or whose
        // garbled label was read as the name's first piece ("主管惠站" | "上海市宝山区…").
        if (field is "Department" or "ImplementingUnit" && cell.Source.Confidence is not null && _departments.RestoreHead(joined) is { } restored)
        {
            b.Warn(DiagnosticCodes.TextRepaired, $"OCR 文字“{joined}”的开头按市、区名称更正为“{restored}”", cell, ri, path);
            joined = restored;
        }
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
