namespace PerformanceEval.Normalization;

/// <summary>
/// Warning codes that mean extraction lost or could not place indicator rows. The checker reads them back from
/// a form's warnings (also in <c>check</c>, from the JSON) and does not report sums over rows it knows are missing:
/// such a finding would be the OCR's error, not the form's.
/// </summary>
public static class CompletenessCodes
{
    public const string RowLost = "grid.row-lost";
    public const string FlattenedIndicators = "form.flattened-indicators";

    public static bool IndicatorsIncomplete(IEnumerable<string> warnings) =>
        warnings.Any(w => w.StartsWith(RowLost + ":", StringComparison.Ordinal) ||
                          w.StartsWith(FlattenedIndicators + ":", StringComparison.Ordinal));
}
