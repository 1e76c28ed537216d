using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Geometry;
using UglyToad.PdfPig.Graphics;
using UglyToad.PdfPig.Graphics.Operations;
using UglyToad.PdfPig.Graphics.Operations.TextState;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Parser;
using UglyToad.PdfPig.PdfFonts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace PerformanceEval.Ingestion.Pdf;

/// <summary>
/// PdfPig's page factory for <see cref="PageMarks"/> (<c>document.AddPageFactory&lt;PageMarks, PageMarksFactory&gt;()</c>):
/// PdfPig reads the page tree, the resources, the fonts and the content stream as for its own pages; the page's
/// resources are loaded through an <see cref="AdvanceFontStore"/> (which notes each font's stated advances) and its
/// operations run through a <see cref="PageMarksProcessor"/>.
/// </summary>
internal sealed class PageMarksFactory(IPdfTokenScanner scanner, IResourceStore store, ILookupFilterProvider filters,
    IPageContentParser parser, ParsingOptions options)
    : BasePageFactory<PageMarks>(scanner, new AdvanceFontStore(store, scanner), filters, parser, options)
{
    protected override PageMarks ProcessPage(int pageNumber, DictionaryToken dictionary, NamedDestinations namedDestinations,
        MediaBox mediaBox, CropBox cropBox, UserSpaceUnit userSpaceUnit, PageRotationDegrees rotation,
        TransformationMatrix initialMatrix, IReadOnlyList<IGraphicsStateOperation> operations)
    {
        var visible = cropBox.GetVisibleBounds(rotation);
        var page = new PageMarks(pageNumber, cropBox.Bounds, rotation.Value, visible.Width, visible.Height, [], [], []);
        if (operations is { Count: > 0 })
            new PageMarksProcessor(page, ResourceStore, PdfScanner, PageContentParser, FilterProvider, cropBox, userSpaceUnit,
                rotation, initialMatrix, ParsingOptions).Process(pageNumber, operations);
        return page;
    }
}

/// <summary>
/// Runs a page's operations and keeps what <see cref="PdfLayer"/> reads: glyphs laid as PdfPig lays its letters
/// (baseline from the advance, point size, rendering mode, a marked span's ActualText on its first glyph), painted
/// paths with their stroke and fill as PdfPig's <see cref="PdfPath"/>, and images by their dictionaries. Clipping is
/// not applied (PdfPig's default too): clipping paths are dropped, as the rule finder skips them. A glyph's outline box
/// is worked out only when asked for (<see cref="MarkedGlyph.BoundingBox"/>): for a Type 3 glyph from its procedure's
/// <c>d1</c>, as PdfPig does, otherwise from the font.
/// </summary>
internal sealed class PageMarksProcessor(PageMarks page, IResourceStore store, IPdfTokenScanner scanner, IPageContentParser parser,
    ILookupFilterProvider filters, CropBox cropBox, UserSpaceUnit unit, PageRotationDegrees rotation, TransformationMatrix initialMatrix,
    ParsingOptions options)
    : BaseStreamProcessor<PageMarks>(page.Number, store, scanner, parser, filters, cropBox, unit, rotation, initialMatrix, options), IOperationContext
{
    private readonly Dictionary<(IType3Font, int), PdfRectangle?> _type3Boxes = [];
    private PdfPath? _path;
    private PdfSubpath? _subpath;
    private string? _actualText;
    private bool _firstOfActualText;

    public override PageMarks Process(int pageNumberCurrent, IReadOnlyList<IGraphicsStateOperation> operations)
    {
        PageNumber = pageNumberCurrent;
        CloneAllStates();
        ProcessOperations(operations);
        return page;
    }

    /// <summary>
    /// <c>Tj</c> and its kin. PdfPig's own text showing asks each glyph's font for its outline box with its advance (and
    /// parses a Type 3 glyph's procedure for a better box); this lays the glyphs out by their advances alone, in the
    /// same arithmetic, and leaves the box to be worked out if it is ever wanted. A vertical font, or a font that is
    /// missing, is shown by PdfPig's own code (<see cref="RenderGlyph"/>).
    /// </summary>
    void IOperationContext.ShowText(IInputBytes bytes)
    {
        TextSequence++;
        ShowString(bytes);
    }

    /// <summary><c>TJ</c>: strings and the moves between them, as PdfPig reads them.</summary>
    public override void ShowPositionedText(IReadOnlyList<IToken> tokens)
    {
        var fontState = GetCurrentState().FontState;
        var font = ResourceStore.GetFont(fontState.FontName);
        if (font is null || font.IsVertical)
        {
            base.ShowPositionedText(tokens);
            return;
        }
        TextSequence++;
        var (size, scaling) = (fontState.FontSize, fontState.HorizontalScaling / 100.0);
        foreach (var token in tokens)
        {
            if (token is NumericToken { Data: var move })
                TextMatrices.TextMatrix = TransformationMatrix.GetTranslationMatrix((0.0 - move) / 1000.0 * size * scaling, 0.0)
                    .Multiply(TextMatrices.TextMatrix);
            else
                ShowString(new MemoryInputBytes(token is HexToken hex ? [.. hex.Bytes] : ((StringToken)token).GetBytes()));
        }
    }

    private void ShowString(IInputBytes bytes)
    {
        var state = GetCurrentState();
        var fontState = state.FontState;
        var font = fontState.FromExtendedGraphicsState ? ActiveExtendedGraphicsStateFont : ResourceStore.GetFont(fontState.FontName);
        if (font is null || font.IsVertical)
        {
            TextSequence--; // PdfPig's ShowText counts the string itself
            base.ShowText(bytes);
            return;
        }
        var advances = (ResourceStore as AdvanceFontStore)?.AdvancesOf(font);
        var (size, scaling, spacing) = (fontState.FontSize, fontState.HorizontalScaling / 100.0, fontState.CharacterSpacing);
        var ctm = state.CurrentTransformationMatrix;
        var rendering = TransformationMatrix.FromValues(size * scaling, 0, 0, size, 0, fontState.Rise);
        var pointSize = Math.Round(ctm.Multiply(TextMatrices.TextMatrix).Transform(new PdfRectangle(0, 0, 1, size)).Height, 2);
        while (bytes.MoveNext())
        {
            var code = font.ReadCharacterCode(bytes, out var length);
            if (!font.TryGetUnicode(code, out var unicode)) unicode = new string((char)code, 1);
            var wordSpacing = code == ' ' && length == 1 ? fontState.WordSpacing : 0.0;
            var width = advances?.Of(code) ?? font.GetBoundingBox(code).Width;
            AddGlyph(font, code, unicode, pointSize, fontState.TextRenderingMode, rendering, TextMatrices.TextMatrix, ctm, width, null);
            TextMatrices.TextMatrix = TextMatrices.TextMatrix.Translate((width * size + spacing + wordSpacing) * scaling, 0.0);
        }
    }

    /// <summary>A glyph PdfPig's own text showing laid out (a vertical font's): its box is the one PdfPig gives.</summary>
    public override void RenderGlyph(IFont font, CurrentGraphicsState currentState, double fontSize, double pointSize, int code,
        string unicode, long currentOffset, in TransformationMatrix renderingMatrix, in TransformationMatrix textMatrix,
        in TransformationMatrix transformationMatrix, CharacterBoundingBox characterBoundingBox) =>
        AddGlyph(font, code, unicode, pointSize, currentState.FontState.TextRenderingMode, renderingMatrix, textMatrix,
            transformationMatrix, characterBoundingBox.Width, characterBoundingBox.GlyphBounds);

    private void AddGlyph(IFont font, int code, string unicode, double pointSize, TextRenderingMode mode,
        TransformationMatrix rendering, TransformationMatrix text, TransformationMatrix ctm, double width, PdfRectangle? outline)
    {
        if (_actualText is not null)
        {
            // The span's replacement text stands for all its glyphs: it goes on the first, the rest are empty.
            unicode = _firstOfActualText ? _actualText : string.Empty;
            _firstOfActualText = false;
        }
        var advance = PerformantRectangleTransformer.Transform(rendering, text, ctm, new PdfRectangle(0, 0, width, UserSpaceUnit.PointMultiples));
        PdfRectangle Box()
        {
            var box = PerformantRectangleTransformer.Transform(rendering, text, ctm, outline ?? GlyphBounds(font, code));
            return box.Width > double.Epsilon || box.Height > double.Epsilon ? box : advance;
        }
        page.Glyphs.Add(new MarkedGlyph(unicode, advance.BottomLeft, advance.BottomRight, pointSize, mode, Box));
    }

    /// <summary>A glyph's outline box in text space, as PdfPig's stream processor gives it to its letters.</summary>
    private PdfRectangle GlyphBounds(IFont font, int code) =>
        font is IType3Font type3 && Type3Box(type3, code) is { } declared ? declared : font.GetBoundingBox(code).GlyphBounds;

    /// <summary>A Type 3 glyph's box as its procedure declares it (<c>d1</c>), in text space; null where it declares none.</summary>
    private PdfRectangle? Type3Box(IType3Font font, int code)
    {
        if (_type3Boxes.TryGetValue((font, code), out var known)) return known;
        PdfRectangle? box = null;
        if (font.TryGetCharProc(code, out var procedure))
        {
            var operations = PageContentParser.Parse(PageNumber, new MemoryInputBytes(procedure.Decode(FilterProvider, PdfScanner)),
                ParsingOptions.Logger);
            if (operations.OfType<Type3SetGlyphWidthAndBoundingBox>().FirstOrDefault() is { } d1)
                box = font.GetFontMatrix().Transform(new PdfRectangle(
                    Math.Min(d1.LowerLeftX, d1.UpperRightX), Math.Min(d1.LowerLeftY, d1.UpperRightY),
                    Math.Max(d1.LowerLeftX, d1.UpperRightX), Math.Max(d1.LowerLeftY, d1.UpperRightY)));
        }
        return _type3Boxes[(font, code)] = box;
    }

    protected override void RenderXObjectImage(XObjectContentRecord xObjectContentRecord)
    {
        var dictionary = xObjectContentRecord.Stream.StreamDictionary;
        var mask = dictionary.TryGet(NameToken.ImageMask, out BooleanToken flag) && flag.Data;
        var bits = dictionary.TryGet(NameToken.BitsPerComponent, out NumericToken depth) ? depth.Int : 8;
        page.Images.Add(new ImageMark(UnitSquare(xObjectContentRecord.AppliedTransformation), mask ? 1 : bits, mask));
    }

    protected override void RenderInlineImage(InlineImage inlineImage) =>
        page.Images.Add(new ImageMark(inlineImage.BoundingBox, inlineImage.BitsPerComponent, inlineImage.IsImageMask));

    private static PdfRectangle UnitSquare(TransformationMatrix placed) =>
        placed.Transform(new PdfRectangle(new PdfPoint(0, 0), new PdfPoint(1, 1)));

    public override void BeginMarkedContent(NameToken name, NameToken? propertyDictionaryName, DictionaryToken? properties)
    {
        if (propertyDictionaryName is not null)
            properties = ResourceStore.GetMarkedContentPropertiesDictionary(propertyDictionaryName) ?? properties;
        if (ParsingOptions.UseActualText && properties is not null &&
            properties.TryGet(NameToken.ActualText, PdfScanner, out IDataToken<string>? actual))
        {
            _actualText = actual.Data?.Replace("\u00ad", string.Empty, StringComparison.Ordinal); // soft hyphens are no text
            _firstOfActualText = true;
        }
        else _actualText = null;
    }

    public override void EndMarkedContent() => _actualText = null;

    public override void BeginSubpath()
    {
        _path ??= [];
        AddSubpath();
        _subpath = new PdfSubpath();
    }

    public override PdfPoint? CloseSubpath()
    {
        if (_subpath is null) return null;
        var start = _subpath.Commands.Count > 0 && _subpath.Commands[0] is PdfSubpath.Move move ? move.Location : (PdfPoint?)null;
        _subpath.CloseSubpath();
        AddSubpath();
        return start;
    }

    private void AddSubpath()
    {
        if (_subpath is null) return;
        _path!.Add(_subpath);
        _subpath = null;
    }

    public override void MoveTo(double x, double y)
    {
        BeginSubpath();
        var point = CurrentTransformationMatrix.Transform(new PdfPoint(x, y));
        CurrentPosition = point;
        _subpath!.MoveTo(point.X, point.Y);
    }

    public override void LineTo(double x, double y)
    {
        if (_subpath is null) return;
        var point = CurrentTransformationMatrix.Transform(new PdfPoint(x, y));
        _subpath.LineTo(point.X, point.Y);
        CurrentPosition = point;
    }

    public override void BezierCurveTo(double x2, double y2, double x3, double y3)
    {
        if (_subpath is null) return;
        var (control, end) = (CurrentTransformationMatrix.Transform(new PdfPoint(x2, y2)), CurrentTransformationMatrix.Transform(new PdfPoint(x3, y3)));
        _subpath.BezierCurveTo(CurrentPosition.X, CurrentPosition.Y, control.X, control.Y, end.X, end.Y);
        CurrentPosition = end;
    }

    public override void BezierCurveTo(double x1, double y1, double x2, double y2, double x3, double y3)
    {
        if (_subpath is null) return;
        var (first, second, end) = (CurrentTransformationMatrix.Transform(new PdfPoint(x1, y1)),
            CurrentTransformationMatrix.Transform(new PdfPoint(x2, y2)), CurrentTransformationMatrix.Transform(new PdfPoint(x3, y3)));
        _subpath.BezierCurveTo(first.X, first.Y, second.X, second.Y, end.X, end.Y);
        CurrentPosition = end;
    }

    public override void Rectangle(double x, double y, double width, double height)
    {
        BeginSubpath();
        var (lowerLeft, upperRight) = (CurrentTransformationMatrix.Transform(new PdfPoint(x, y)),
            CurrentTransformationMatrix.Transform(new PdfPoint(x + width, y + height)));
        _subpath!.Rectangle(lowerLeft.X, lowerLeft.Y, upperRight.X - lowerLeft.X, upperRight.Y - lowerLeft.Y);
        AddSubpath();
    }

    public override void StrokePath(bool close) => Paint(close, stroke: true, fill: null);

    public override void FillPath(FillingRule fillingRule, bool close) => Paint(close, stroke: false, fill: fillingRule);

    public override void FillStrokePath(FillingRule fillingRule, bool close) => Paint(close, stroke: true, fill: fillingRule);

    private void Paint(bool close, bool stroke, FillingRule? fill)
    {
        if (_path is null) return;
        if (fill is { } rule) _path.SetFilled(rule);
        if (stroke) _path.SetStroked();
        if (close) _subpath?.CloseSubpath();
        ClosePath();
    }

    /// <summary>The path is painted: it is kept with the state's stroke and fill, unless it is a clipping path.</summary>
    public override void ClosePath()
    {
        if (_path is null) return;
        AddSubpath();
        if (!_path.IsClipping)
        {
            var state = GetCurrentState();
            if (_path.IsStroked) _path.SetStrokeDetails(state);
            if (_path.IsFilled) _path.SetFillDetails(state);
            page.Paths.Add(_path);
        }
        _path = null;
    }

    public override void EndPath()
    {
        if (_path is null) return;
        AddSubpath();
        // "n" paints nothing: a path ended so is a clipping path's, or nothing at all.
        _path = null;
    }

    public override void ModifyClippingIntersect(FillingRule clippingRule)
    {
        if (_path is null) return;
        AddSubpath();
        _path.SetClipping(clippingRule);
    }

    protected override void ClipToRectangle(PdfRectangle rectangle, FillingRule clippingRule)
    {
        // Clipping is not applied: what a page paints is read whole, as with PdfPig's default options.
    }

    public override void PaintShading(NameToken shadingName)
    {
        // A shading fills an area with colour: no text and no rule.
    }
}
