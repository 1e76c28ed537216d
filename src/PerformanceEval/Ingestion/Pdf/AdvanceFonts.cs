using System.Diagnostics.CodeAnalysis;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics.Colors;
using UglyToad.PdfPig.Parser.Parts;
using UglyToad.PdfPig.PdfFonts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace PerformanceEval.Ingestion.Pdf;

/// <summary>
/// A page's resources as PdfPig loads them, and for each font the advances its dictionary states
/// (<see cref="StatedAdvances"/>). PdfPig's fonts give a glyph's advance only together with its outline box, which costs
/// the glyph's program (a Type 1 charstring run, a TrueType outline read); <see cref="PageMarksProcessor"/> lays the
/// glyphs out from the advances and asks for a box only where it is wanted. The store keeps the font dictionaries in
/// scope (a page's, then a form's on top of it, as PdfPig's store does) to know which dictionary a font came from.
/// </summary>
internal sealed class AdvanceFontStore(IResourceStore store, IPdfTokenScanner scanner) : IResourceStore
{
    private readonly Stack<DictionaryToken?> _fontScopes = new();
    private readonly Dictionary<IFont, StatedAdvances?> _advances = new(ReferenceEqualityComparer.Instance);

    /// <summary>The advances the font's dictionary states, or null where PdfPig's font is to be asked.</summary>
    public StatedAdvances? AdvancesOf(IFont font) => _advances.GetValueOrDefault(font);

    public void LoadResourceDictionary(DictionaryToken resourceDictionary)
    {
        store.LoadResourceDictionary(resourceDictionary);
        _fontScopes.Push(DirectObjectFinder.TryGet(resourceDictionary.Data.GetValueOrDefault(NameToken.Font.Data), scanner, out DictionaryToken? fonts)
            ? fonts : null);
    }

    public void UnloadResourceDictionary()
    {
        store.UnloadResourceDictionary();
        if (_fontScopes.Count > 0) _fontScopes.Pop();
    }

    public IFont GetFont(NameToken name)
    {
        var font = store.GetFont(name);
        // The innermost scope that names the font is the one PdfPig took it from.
        if (font is not null && !_advances.ContainsKey(font))
            _advances[font] = StatedAdvances.Of(_fontScopes.Select(s => s?.Data.GetValueOrDefault(name.Data)).FirstOrDefault(e => e is not null), scanner);
        return font!;
    }

    public IFont GetFontDirectly(IndirectReferenceToken fontReferenceToken)
    {
        var font = store.GetFontDirectly(fontReferenceToken);
        if (font is not null && !_advances.ContainsKey(font)) _advances[font] = StatedAdvances.Of(fontReferenceToken, scanner);
        return font!;
    }

    public bool TryGetXObject(NameToken name, [NotNullWhen(true)] out StreamToken? stream) => store.TryGetXObject(name, out stream);

    public bool TryGetXObjectReference(NameToken name, out IndirectReference reference) => store.TryGetXObjectReference(name, out reference);

    public DictionaryToken? GetExtendedGraphicsStateDictionary(NameToken name) => store.GetExtendedGraphicsStateDictionary(name);

    public bool TryGetNamedColorSpace(NameToken name, out ResourceColorSpace namedColorSpace) => store.TryGetNamedColorSpace(name, out namedColorSpace);

    public ColorSpaceDetails GetColorSpaceDetails(NameToken? name, DictionaryToken? dictionary) => store.GetColorSpaceDetails(name, dictionary);

    public ColorSpaceDetails GetDeviceColorSpaceDetails(ColorSpace colorSpace) => store.GetDeviceColorSpaceDetails(colorSpace);

    public DictionaryToken? GetMarkedContentPropertiesDictionary(NameToken name) => store.GetMarkedContentPropertiesDictionary(name);

    public IReadOnlyDictionary<NameToken, PatternColor> GetPatterns() => store.GetPatterns();

    public Shading GetShading(NameToken name) => store.GetShading(name);
}

/// <summary>
/// The advances a font's dictionary states, where PdfPig's font of that kind reads a glyph's advance from them: a
/// /Type1 or /TrueType font with /FirstChar, /Widths and a /FontDescriptor (without these PdfPig takes a standard
/// font's metrics instead), and a /Type0 font on /Identity-H, whose codes are its CIDs, with its descendant's /W and
/// /DW. An advance is given in text space by PdfPig's own arithmetic for the kind.
/// </summary>
internal sealed class StatedAdvances
{
    private readonly int _firstChar;
    private readonly double[] _widths = [];
    private readonly bool _trueType;
    private readonly Dictionary<int, double>? _cidWidths;
    private readonly double _defaultWidth;

    private StatedAdvances(int firstChar, double[] widths, bool trueType) => (_firstChar, _widths, _trueType) = (firstChar, widths, trueType);

    private StatedAdvances(Dictionary<int, double> cidWidths, double defaultWidth) => (_cidWidths, _defaultWidth) = (cidWidths, defaultWidth);

    /// <summary>The glyph's advance in text space, or null where the dictionary states none for it.</summary>
    public double? Of(int code)
    {
        if (_cidWidths is not null) return code < 0 ? null : _cidWidths.GetValueOrDefault(code, _defaultWidth) / 1000.0;
        var at = code - _firstChar;
        if (at < 0 || at >= _widths.Length) return null;
        // PdfPig: a TrueType font scales by its default matrix (0.001 x), a Type 1 font divides by 1000.
        return _trueType ? 0.001 * _widths[at] : _widths[at] / 1000.0;
    }

    public static StatedAdvances? Of(IToken? entry, IPdfTokenScanner scanner)
    {
        if (!DirectObjectFinder.TryGet(entry, scanner, out DictionaryToken? dictionary) ||
            !dictionary.TryGet(NameToken.Subtype, out NameToken subtype)) return null;
        if (subtype.Equals(NameToken.Type0)) return Composite(dictionary, scanner);
        var trueType = subtype.Equals(NameToken.TrueType);
        if (!trueType && !subtype.Equals(NameToken.Type1)) return null;
        if (!dictionary.ContainsKey(NameToken.FontDescriptor) ||
            !TryGet(dictionary, NameToken.FirstChar, scanner, out NumericToken? first) ||
            !TryGet(dictionary, NameToken.Widths, scanner, out ArrayToken? widths))
            return null;
        var values = new double[widths.Data.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (!DirectObjectFinder.TryGet(widths.Data[i], scanner, out NumericToken? width)) return null;
            values[i] = width.Double;
        }
        return new StatedAdvances(first.Int, values, trueType);
    }

    /// <summary>A /Type0 font's /W: pairs of a first CID and an array of widths, or triples of a first, a last and one width.</summary>
    private static StatedAdvances? Composite(DictionaryToken dictionary, IPdfTokenScanner scanner)
    {
        if (!dictionary.TryGet(NameToken.Encoding, out NameToken encoding) || encoding.Data != "Identity-H" ||
            !TryGet(dictionary, NameToken.DescendantFonts, scanner, out ArrayToken? descendants) || descendants.Data.Count == 0 ||
            !DirectObjectFinder.TryGet(descendants.Data[0], scanner, out DictionaryToken? cidFont))
            return null;
        var defaultWidth = TryGet(cidFont, NameToken.Dw, scanner, out NumericToken? dw) ? dw.Double : 1000.0;
        var widths = new Dictionary<int, double>();
        if (TryGet(cidFont, NameToken.W, scanner, out ArrayToken? w))
        {
            for (var i = 0; i + 1 < w.Data.Count;)
            {
                if (!DirectObjectFinder.TryGet(w.Data[i++], scanner, out NumericToken? from)) return null;
                if (DirectObjectFinder.TryGet(w.Data[i], scanner, out ArrayToken? run))
                {
                    i++;
                    for (var k = 0; k < run.Data.Count; k++)
                    {
                        if (!DirectObjectFinder.TryGet(run.Data[k], scanner, out NumericToken? width)) return null;
                        widths[from.Int + k] = width.Double;
                    }
                    continue;
                }
                if (i + 1 >= w.Data.Count || !DirectObjectFinder.TryGet(w.Data[i++], scanner, out NumericToken? to) ||
                    !DirectObjectFinder.TryGet(w.Data[i++], scanner, out NumericToken? same)) return null;
                for (var cid = from.Int; cid <= to.Int; cid++) widths[cid] = same.Double;
            }
        }
        return new StatedAdvances(widths, defaultWidth);
    }

    private static bool TryGet<T>(DictionaryToken dictionary, NameToken key, IPdfTokenScanner scanner, [NotNullWhen(true)] out T? token)
        where T : class, IToken
    {
        token = null;
        return dictionary.Data.TryGetValue(key.Data, out var entry) && DirectObjectFinder.TryGet(entry, scanner, out token);
    }
}
