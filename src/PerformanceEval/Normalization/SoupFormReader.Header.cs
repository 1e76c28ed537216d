using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

internal sealed partial class SoupFormReader
{
    /// <summary>The header values and the goals: values after a run of labels, matched to them by kind.</summary>
    private sealed partial class Reading
    {
        /// <summary>
        /// Values that follow a run of labels are the run's, each to the first label of its kind still open: an
        /// organisation's name to 主管部门 and 实施单位, anything else to 项目名称, a sentence to the goals.
        /// </summary>
        public void HeaderAndGoals()
        {
            var yearAt = -1;
            if (Enumerable.Range(0, t.Count - 1).Select(i => FormPatterns.YearIn(TextCleaner.Compact(t[i].Text + t[i + 1].Text)) is { } y ? (y, i) : ((int, int)?)null)
                    .FirstOrDefault(x => x is not null) is var (year, yi))
            {
                yearAt = FormPatterns.YearIn(TextCleaner.Compact(t[yi].Text)) is null ? yi + 1 : yi;
                b.Year = year;
                b.From("year", t[yi].Cell, t[yi].Row);
                used[yi] = true;
                if (t[yi + 1].Kind is Kind.Text or Kind.Figure && FormPatterns.YearIn(TextCleaner.Compact(t[yi].Text)) is null) used[yi + 1] = true;
            }
            if (t.FirstOrDefault(x => x.Text.Length <= 10 && FormPatterns.CurrencyIn(TextCleaner.Compact(x.Text)) is not null) is { } unit)
            {
                b.CurrencyUnit = FormPatterns.CurrencyIn(TextCleaner.Compact(unit.Text));
                b.From("currencyUnit", unit.Cell, unit.Row);
            }
            var open = new HashSet<string>(TextValueLabels);
            for (var i = 0; i < t.Count; i++)
            {
                if (t[i].Kind is not (Kind.Label or Kind.Level)) continue;
                var run = new List<string>();
                var j = i;
                for (; j < t.Count && t[j].Kind is Kind.Label or Kind.Level; j++)
                    if (t[j].Label is { } l && open.Contains(l)) run.Add(l);
                var values = new List<int>();
                // The title with its year ("2020年度财政项目支出绩效自评表", printed outside the table and so written
                // with what was filled in) may stand between the labels and their values.
                var k0 = j < t.Count && j == yearAt ? j + 1 : j;
                for (var k = k0; k < t.Count && t[k].Kind is Kind.Text && !used[k]; k++) values.Add(k);
                foreach (var label in run)
                    if (values.FirstOrDefault(v => !used[v] && Fits(label, t[v].Text), -1) is var v and >= 0)
                    {
                        Set(label, v);
                        open.Remove(label);
                    }
                i = j - 1;
            }
            // Goals the labels did not reach: the sentences nobody took, when they are exactly the two the block holds.
            if (open.Contains("Planned") && open.Contains("Achieved"))
            {
                var sentences = Enumerable.Range(0, t.Count).Where(i => !used[i] && t[i].Kind is Kind.Text && IsSentence(t[i].Text)).ToList();
                if (sentences.Count == 2)
                {
                    Set("Planned", sentences[0]);
                    Set("Achieved", sentences[1]);
                }
            }
        }

        private static bool Fits(string label, string text) => label switch
        {
            "Department" or "ImplementingUnit" => IsOrganisation(text) && !IsSentence(text),
            "ProjectName" => !IsOrganisation(text) && !(text.Length >= 20 && text.Contains('。')),
            _ => IsSentence(text),
        };

        private void Set(string label, int at)
        {
            used[at] = true;
            var (path, text) = (label switch
            {
                "ProjectName" => "projectName", "Department" => "department", "ImplementingUnit" => "implementingUnit",
                "Planned" => "goals.planned", _ => "goals.achieved",
            }, t[at].Text);
            var value = b.Repair(text, t[at].Cell, path);
            switch (label)
            {
                case "ProjectName": b.ProjectName = value; break;
                case "Department": b.Department = value; break;
                case "ImplementingUnit": b.ImplementingUnit = value; break;
                case "Planned": b.Planned = value; break;
                default: b.Achieved = value; break;
            }
            b.From(path, t[at].Cell, t[at].Row);
        }
    }
}
