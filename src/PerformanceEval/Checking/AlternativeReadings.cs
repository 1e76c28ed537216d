using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Templates;

namespace PerformanceEval.Checking;

/// <summary>
/// Chooses among the OCR engine's own readings of an unsure figure by the form's relations (rate = executed ÷ budget,
/// scores ≤ weights, scores adding up to the total — the checker's rules). A figure is never made up from arithmetic:
/// only a reading the engine offered (provenance <c>alternatives</c>) can be taken, only when it makes findings vanish
/// and raises none, only when exactly one reading does and no other unsure figure's reading mends all it mends, and the
/// choice is written in the form's warnings with both readings. Otherwise the engine's first reading stays, and the
/// checker reports what it sees.
/// </summary>
public sealed class AlternativeReadings(Checker checker)
{
    /// <summary>A figure read below this confidence is unsure (the same line the OCR warns at).</summary>
    public const double UnsureBelow = 0.90;

    public (CleanedForm Form, ImmutableArray<Warning> Warnings) Choose(CleanedForm form, GradeScale? printedBands = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        // Only figures the engine was unsure of, least sure first: a figure read with confidence is not second-guessed
        // because another reading of it would also make the sums agree (a total read "99" at 0.91 stays 99 when the
        // error is a misread score elsewhere).
        var unsure = form.Provenance
            .Where(p => p.Value.Alternatives is { IsEmpty: false } && p.Value.Confidence is < UnsureBelow &&
                        FieldPath.TryParse(p.Key, out var f) && f.HoldsFigure)
            .OrderBy(p => p.Value.Confidence).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        if (unsure.Count == 0) return (form, []);
        var warnings = ImmutableArray.CreateBuilder<Warning>();
        var findings = checker.Check(form, printedBands);
        // What each unsure figure's other readings would mend: a sum that misses by 2 is made whole by a weight read 3
        // for 5 as well as by another read 5 for 7, and the relation alone cannot say which was misread. A reading is
        // taken only where no other unsure figure mends all it mends (a weight whose score exceeds it as well as the
        // sum is known by the score).
        var mends = unsure.ToDictionary(u => u.Key, u => Fitting(form, findings, u.Key, u.Value, printedBands)
            .Select(f => f.Changes.Resolved.Select(r => (r.Rule, r.Field)).ToHashSet()).ToList());
        var changed = new HashSet<string>();
        foreach (var (field, where) in unsure)
        {
            var fitting = Fitting(form, findings, field, where, printedBands);
            var read = where.Text ?? "";
            var rivals = fitting.Count != 1 ? [] : mends.Where(m => m.Key != field && !changed.Contains(m.Key) &&
                m.Value.Any(other => other.IsSupersetOf(fitting[0].Changes.Resolved.Select(r => (r.Rule, r.Field))))).Select(m => m.Key).ToList();
            if (rivals.Count > 0)
                warnings.Add(Warn(DiagnosticCodes.AlternativesAmbiguous, field, where,
                    $"该数字识别为“{read}”；OCR 引擎的读数“{fitting[0].Reading}”能使表内关系成立，但 {string.Join("、", rivals)} 的另一读数同样能够，未采用；请对照扫描件核对"));
            else if (fitting.Count == 1)
            {
                var (reading, chosen, after, changes) = fitting[0];
                warnings.Add(Warn(DiagnosticCodes.AlternativeChosen, field, where,
                    $"该数字识别为“{read}”（置信度 {where.Confidence?.ToString("F2", CultureInfo.InvariantCulture) ?? "?"}），" +
                    $"改用 OCR 引擎的另一读数“{reading}”，因为采用它后以下问题不再成立：{string.Join("；", changes.Resolved.Select(f => f.Message))}；请对照扫描件核对"));
                (form, findings) = (chosen, after);
                changed.Add(field);
            }
            else if (fitting.Count > 1)
                warnings.Add(Warn(DiagnosticCodes.AlternativesAmbiguous, field, where,
                    $"该数字识别为“{read}”；OCR 引擎的读数{string.Join("、", fitting.Select(f => $"“{f.Reading}”"))}都能使表内关系成立，均未采用；请对照扫描件核对"));
        }
        return (form, warnings.ToImmutable());
    }

    /// <summary>The engine's other readings of a figure that make some findings vanish and raise none.</summary>
    private List<(string Reading, CleanedForm Form, ImmutableArray<Finding> Findings, FindingChanges Changes)> Fitting(
        CleanedForm form, ImmutableArray<Finding> findings, string field, FieldProvenance where, GradeScale? printedBands)
    {
        FieldPath.TryParse(field, out var path);
        var fitting = new List<(string Reading, CleanedForm Form, ImmutableArray<Finding> Findings, FindingChanges Changes)>();
        foreach (var reading in where.Alternatives!.Value)
        {
            if (With(form, path, reading) is not { } candidate) continue;
            var after = checker.Check(candidate, printedBands);
            var changes = FindingChanges.Between(findings, after);
            if (!changes.Resolved.IsEmpty && changes.Raised.IsEmpty) fitting.Add((reading, candidate, after, changes));
        }
        return fitting;
    }

    /// <summary>The form with one figure replaced by a reading; null when the reading is not a number that field can hold.</summary>
    private static CleanedForm? With(CleanedForm form, FieldPath path, string reading)
    {
        if (!NumberParser.TryParse(reading, out var number) || number.Percent && path.Leaf != "executionRate") return null;
        var node = JsonNode.Parse(ContractJson.Serialize(form))!.AsObject();
        return path.TrySet(node, JsonValue.Create(number.Value)) ? ContractJson.Deserialize(node.ToJsonString(ContractJson.Options)) : null;
    }

    /// <summary>A warning on one figure, pointing at the cell it was read from.</summary>
    private static Warning Warn(DiagnosticCode code, string field, FieldProvenance where, string message) => new()
    {
        Code = code.Id,
        Severity = code.Severity.ToContract(),
        Message = message,
        Field = field,
        Source = new WarningSource { Page = where.Page, Line = where.Line, Row = where.Row, Col = where.Col, Box = where.Box },
    };
}
