using PerformanceEval.Ingestion.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using Xunit;

namespace PerformanceEval.Tests.Ingestion;

/// <summary>
/// <see cref="PageMarksProcessor"/> lays out a page's glyphs from the fonts' advances and works a glyph's box out only
/// when asked; PdfPig's own pages work out every box as they go. On every PDF among the fixtures (Writer's Type 1 CJK
/// fonts, Calc's with a TrueType one, Chromium's Type 3 and Identity-H fonts, the real archives' PDFs, scans with an
/// OCR layer) the two must read the same page: each glyph's text, baseline, size, rendering mode and box, to the bit,
/// and the same painted paths and images.
/// </summary>
public sealed class PageMarksTests
{
    private static readonly ParsingOptions Options = new() { UseLenientParsing = true, SkipMissingFonts = true, UseActualText = true };

    public static TheoryData<string> FixturePdfs()
    {
        var data = new TheoryData<string>();
        foreach (var pdf in Directory.EnumerateFiles(Fixtures.Dir, "*.pdf", SearchOption.AllDirectories).Order())
            if (!pdf.Contains("bad-pdfs", StringComparison.Ordinal)) data.Add(Path.GetRelativePath(Fixtures.Dir, pdf));
        return data;
    }

    [Theory]
    [MemberData(nameof(FixturePdfs))]
    public void A_page_reads_as_PdfPigs_own_page_does(string fixture)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Fixtures.Dir, fixture));
        using var theirs = PdfDocument.Open(bytes, Options);
        using var ours = PdfDocument.Open(bytes, Options);
        ours.AddPageFactory<PageMarks, PageMarksFactory>();
        for (var n = 1; n <= theirs.NumberOfPages; n++)
        {
            var page = theirs.GetPage(n);
            var marks = ours.GetPage<PageMarks>(n);
            Assert.Equal(page.Letters.Count, marks.Glyphs.Count);
            foreach (var (letter, glyph) in page.Letters.Zip(marks.Glyphs))
            {
                Assert.Equal(letter.Value, glyph.Value);
                Assert.Equal(letter.StartBaseLine, glyph.StartBaseLine);
                Assert.Equal(letter.EndBaseLine, glyph.EndBaseLine);
                Assert.Equal(letter.PointSize, glyph.PointSize);
                Assert.Equal(letter.RenderingMode, glyph.RenderingMode);
                Assert.Equal(Corners(letter.BoundingBox), Corners(glyph.BoundingBox));
            }
            var painted = page.Paths.Where(p => !p.IsClipping && (p.IsStroked || p.IsFilled)).ToList();
            Assert.Equal(painted.Count, marks.Paths.Count);
            foreach (var (path, mark) in painted.Zip(marks.Paths))
            {
                Assert.Equal((path.IsStroked, path.IsFilled, path.LineWidth), (mark.IsStroked, mark.IsFilled, mark.LineWidth));
                Assert.Equal(path.Select(s => s.Commands.Count), mark.Select(s => s.Commands.Count));
                Assert.Equal(path.GetBoundingRectangle(), mark.GetBoundingRectangle());
            }
            Assert.Equal(page.NumberOfImages, marks.Images.Count);
            Assert.Equal(page.GetImages().Select(i => (i.BoundingBox, i.IsImageMask)), marks.Images.Select(i => (i.Bounds, i.IsMask)));
            Assert.Equal((page.Width, page.Height, page.Rotation.Value, page.CropBox.Bounds), (marks.Width, marks.Height, marks.Rotation, marks.CropBounds));
        }
    }

    private static (PdfPoint, PdfPoint, PdfPoint, PdfPoint) Corners(PdfRectangle r) => (r.BottomLeft, r.BottomRight, r.TopLeft, r.TopRight);
}
