namespace PerformanceEval.Provenance;

/// <summary>A rectangle on a page: [X0, Y0, X1, Y1].</summary>
/// <remarks>
/// Units and origin depend on <see cref="Units"/>: PDF points with the origin at the page's top-left
/// (as poppler's bbox output gives them), or image pixels with the origin at the top-left.
/// Text dumps have no geometry and carry no box.
/// </remarks>
public sealed record Box(double X0, double Y0, double X1, double Y1, BoxUnits Units);

/// <summary>What a <see cref="Box"/>'s numbers measure.</summary>
public enum BoxUnits
{
    /// <summary>PDF points (1/72 in), origin top-left.</summary>
    PdfPoints,
    /// <summary>Image pixels, origin top-left.</summary>
    Pixels,
}
