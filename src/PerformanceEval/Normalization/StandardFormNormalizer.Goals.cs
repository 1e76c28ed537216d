using System.Text.RegularExpressions;
using PerformanceEval.Ingestion;
using PerformanceEval.Tables;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

public sealed partial class StandardFormNormalizer
{
    private static readonly string[] GoalLabelKinds = ["Planned", "Achieved", "GoalsSection", "GoalsFragment"];

    /// <summary>The 预算目标 / 实际完成情况 row; remembers the column where 实际完成情况 starts.</summary>
    private bool IsGoalsHeader(RawRow row, ReadState state)
    {
        var matches = RowText.NonEmpty(row)
            .Select(c => (Cell: c, Match: matcher.Match(c.Text, "Planned", "Achieved")))
            // A label cell is short: "按预期目标完成" holds the label but is the text of the goal itself.
            .Where(x => x.Match is { Score: >= 0.7 } m && LabelMatcher.Key(x.Cell.Text).Length <= m.Label.Length + 1)
            .ToList();
        if (matches.Count == 0) return false;
        state.AchievedColumn = matches.FirstOrDefault(x => x.Match!.Kind == "Achieved").Cell?.Source.Col;
        return true;
    }

    /// <summary>
    /// A row of goal text. In a grid, cells left of the 实际完成情况 column are the plan, the rest what was achieved;
    /// in layout text the first paragraph is the plan and the next what was achieved.
    /// </summary>
    private void ReadGoalsRow(FormBuilder b, RawRow row, int ri, ReadState state)
    {
        if (row.Origin is RowOrigin.Layout)
        {
            var tokens = row.Cells.Select(c => c.Text).Where(t => matcher.Match(t, GoalLabelKinds) is not { IsExact: true }).ToList();
            if (tokens.Count == 0) return;
            if (row.AfterBlankLine || state.GoalParagraphs.Count == 0) state.GoalParagraphs.Add([]);
            state.GoalParagraphs[^1].Add(string.Join(" ", tokens));
            state.GoalCells.Add((state.GoalParagraphs.Count - 1, row.Cells[0], row.Cells[^1], ri));
            return;
        }
        foreach (var cell in row.Cells)
        {
            if (cell.IsEmpty || matcher.Match(cell.Text, GoalLabelKinds) is { Score: >= 0.9 }) continue;
            var text = GoalText(cell.Text);
            if (text is null) continue;
            var achieved = state.AchievedColumn is { } ac && cell.Source.Col >= ac;
            (achieved ? state.AchievedParts : state.PlannedParts).Add(text);
            b.From(achieved ? "goals.achieved" : "goals.planned", cell, ri);
        }
    }

    /// <summary>A goal cell without the label pieces the OCR mixed into it ("总体", "目标", ",,,").</summary>
    private string? GoalText(string raw)
    {
        var lines = TextCleaner.Lines(raw)
            .Where(l => matcher.Match(l, GoalLabelKinds) is not { IsExact: true } && !PunctuationOnly().IsMatch(l));
        return TextCleaner.Clean(string.Join("\n", lines));
    }

    private static void FinishGoals(FormBuilder b, ReadState state)
    {
        if (state.GoalParagraphs.Count > 0)
        {
            var paragraphs = state.GoalParagraphs;
            if (paragraphs.Count == 1 && paragraphs[0].Count == 1 && paragraphs[0][0].Split(' ') is { Length: >= 2 } both)
            {
                // "确保志愿者按时到岗，不断提升窗口工作效能。 基本完成": plan and result on one line.
                b.Planned = TextCleaner.Clean(string.Join(" ", both[..^1]));
                b.Achieved = TextCleaner.Clean(both[^1]);
                var (_, first, last, ri) = state.GoalCells[0];
                b.From("goals.planned", first, ri);
                b.From("goals.achieved", last, ri);
            }
            else
            {
                b.Planned = TextCleaner.Clean(string.Join("\n", paragraphs[0]));
                b.Achieved = TextCleaner.Clean(string.Join("\n", paragraphs.Skip(1).SelectMany(p => p)));
                foreach (var (paragraph, first, _, ri) in state.GoalCells)
                    b.From(paragraph == 0 ? "goals.planned" : "goals.achieved", first, ri);
            }
            return;
        }
        b.Planned ??= TextCleaner.Clean(string.Join("\n", state.PlannedParts));
        b.Achieved ??= TextCleaner.Clean(string.Join("\n", state.AchievedParts));
    }

    [GeneratedRegex(@"^[\p{P}\p{S}\s]+$")]
    private static partial Regex PunctuationOnly();
}
