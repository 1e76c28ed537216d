namespace PerformanceEval.Checking;

/// <summary>
/// Whether a printed figure agrees with a recomputed one. Forms round half-up or truncate to the decimals they
/// print (98.315 printed as 98 is fine, 7.293 printed as 7.30 is not), so both are accepted — at the printed
/// precision the decimal's scale carries, never at a fixed tolerance.
/// </summary>
public static class Printed
{
    public static bool Consistent(decimal stated, decimal exact)
    {
        var scale = stated.Scale;
        return stated == Math.Round(exact, scale, MidpointRounding.AwayFromZero) ||
               stated == Math.Round(exact, scale, MidpointRounding.ToZero);
    }

    /// <summary>The recomputed figure as a reviewer wants to read it: at the printed precision, at least two decimals.</summary>
    public static decimal Show(decimal exact, decimal stated) =>
        Math.Round(exact, Math.Max((int)stated.Scale, 2), MidpointRounding.AwayFromZero);

    /// <summary>Drops trailing zeros: 9.9000 → 9.9.</summary>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    /// <summary>A figure as Chinese text: 49.28, 100, 7.3.</summary>
    public static string Text(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
