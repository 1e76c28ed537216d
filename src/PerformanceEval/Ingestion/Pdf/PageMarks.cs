using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics;

namespace PerformanceEval.Ingestion.Pdf;

/// <summary>
/// What one page of a PDF draws, as <see cref="PdfLayer"/> needs it and no more: its glyphs, its painted paths and
/// its images (their dictionaries only), in PDF user space (points, origin bottom-left). Read by
/// <see cref="PageMarksProcessor"/> in place of PdfPig's own <see cref="Page"/>, which also works out every glyph's
/// outline box as it goes (a Type 3 glyph's procedure parsed, a Type 1 glyph's charstring run) — the most of a page's
/// time on Chromium's and LibreOffice's forms, for boxes the words need only where text runs across the page.
/// </summary>
internal sealed record PageMarks(int Number, PdfRectangle CropBounds, int Rotation, double Width, double Height,
    List<MarkedGlyph> Glyphs, List<PdfPath> Paths, List<ImageMark> Images);

/// <summary>An image the page paints: its size on the page and whether it is black and white (one bit a sample, or a stencil mask).</summary>
internal sealed record ImageMark(PdfRectangle Bounds, int BitsPerComponent, bool IsMask);

/// <summary>
/// One glyph as shown: its text (a span's ActualText where the printer gave one), where its baseline starts and ends
/// (the font's advance, as PdfPig lays letters), its size in points and its rendering mode. Its outline box, which
/// costs the font's glyph program, is worked out on first use (<see cref="BoundingBox"/>), as PdfPig's letter has it.
/// </summary>
internal sealed class MarkedGlyph(string value, PdfPoint start, PdfPoint end, double pointSize, TextRenderingMode renderingMode,
    Func<PdfRectangle> boundingBox)
{
    private PdfRectangle? _box;

    public string Value { get; } = value;

    public PdfPoint StartBaseLine { get; } = start;

    public PdfPoint EndBaseLine { get; } = end;

    public double PointSize { get; } = pointSize;

    public TextRenderingMode RenderingMode { get; } = renderingMode;

    /// <summary>The glyph's outline box in user space, or its advance box where the outline is empty (a space).</summary>
    public PdfRectangle BoundingBox => _box ??= boundingBox();
}
