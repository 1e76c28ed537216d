using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace PerformanceEval.Bench;

/// <summary>
/// The print shop's soups that need PdfPig (fixtures/tools/soup_shop.py writes the others): every engine's PDF as
/// its letters come in the content stream, the order a PDF-to-text tool that does not sort writes them — a new word
/// where a letter does not follow on from the one before (a gap, a step back, another baseline), a new line where
/// the baseline changes. Writes &lt;engine&gt;.letters.txt beside each &lt;engine&gt;.pdf of SHOP_DIR/&lt;half&gt;/&lt;case&gt;/.
/// </summary>
internal static class SoupBench
{
    public static int Run(string shop)
    {
        var pdfs = Directory.EnumerateFiles(shop, "*.pdf", SearchOption.AllDirectories)
            .Where(p => File.Exists(Path.Combine(Path.GetDirectoryName(p)!, "expected.jsonl"))).Order(StringComparer.Ordinal).ToList();
        foreach (var pdf in pdfs)
        {
            var text = new StringBuilder();
            using (var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true }))
                foreach (var page in document.GetPages())
                    AppendInContentOrder(page.Letters, text);
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(pdf)!, Path.GetFileNameWithoutExtension(pdf) + ".letters.txt"), text.ToString());
        }
        Console.WriteLine($"{pdfs.Count} PDFs written as letters in content order");
        return 0;
    }

    private static void AppendInContentOrder(IReadOnlyList<Letter> letters, StringBuilder text)
    {
        Letter? previous = null;
        foreach (var letter in letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)))
        {
            if (previous is not null)
            {
                var size = Math.Max(1, previous.PointSize);
                var otherLine = Math.Abs(letter.StartBaseLine.Y - previous.StartBaseLine.Y) > size * 0.3;
                var gap = letter.StartBaseLine.X - previous.EndBaseLine.X;
                if (otherLine) text.Append('\n');
                else if (gap > size * 0.3 || gap < -size * 0.5) text.Append(' ');
            }
            text.Append(letter.Value);
            previous = letter;
        }
        text.Append('\n');
    }
}
