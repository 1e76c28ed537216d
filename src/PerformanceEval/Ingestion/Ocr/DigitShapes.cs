namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// A page's own digits as a third reader of its figures. chi_sim and eng both misread some clean digits of a printing
/// they were not trained on, the same way on a page: a thin serif 5 whose hairline stem the scan lost read "3" by both
/// (so they agree, and a 分值 is wrong), a clean 5 read "9" by chi_sim and "3" by eng. The page prints the same digit in
/// the same font many times over, and most of those the engines read surely: sampled to one grid, the 5s a page's
/// engines misread lie at 0.03–0.13 (mean difference of ink, 0–1) from the mean of the 5s they read surely, and at
/// 0.18–0.28 from the 3s or 9s they were read as (the print shop's tuning scans). A digit whose shape is far nearer
/// another digit's than its own, on its own page, is that other digit.
/// </summary>
internal static class DigitShapes
{
    /// <summary>The grid a glyph's box is sampled to, across and down.</summary>
    private const int GridWidth = 16, GridHeight = 24;

    /// <summary>A glyph as tall as this share of the crop's tallest is a digit or a %; a shorter one is a point or a comma.</summary>
    private const double TallShare = 0.6;

    /// <summary>Least difference between a crop's paper and its darkest print for its glyphs to be measured.</summary>
    private const int MinContrast = 40;

    /// <summary>One glyph of a figure as read: the character its reading gives it, and its ink sampled to the grid (0 paper, 1 ink).</summary>
    internal sealed record Glyph(char Read, float[] Shape);

    /// <summary>
    /// The glyphs of a figure's crop, one for each digit or % of its reading, left to right; null where they cannot be
    /// matched to the reading one for one: a reading with another character than a digit, "." "," or "%", a crop of
    /// more than one line, digits that touch (one run of ink for two), or no print.
    /// </summary>
    public static List<Glyph>? Of(OcrCrop crop, string reading)
    {
        var text = reading.Replace(" ", "");
        if (text.Length == 0 || text.Any(c => !char.IsAsciiDigit(c) && c is not ('.' or ',' or '%'))) return null;
        var (pixels, width, height) = (crop.Pixels, crop.Width, crop.Height);
        var paper = Median(pixels);
        var darkest = 255;
        foreach (var p in pixels) darkest = Math.Min(darkest, p);
        if (paper - darkest < MinContrast) return null;
        var level = (paper + darkest) / 2;

        // One line of print: one run of rows with ink at least half as tall as the tallest (a 5's bar that a thin stem
        // no longer joins to its bowl is a short run above it, not a line).
        var runs = new List<int>();
        var run = 0;
        for (var y = 0; y <= height; y++)
        {
            var inked = y < height && pixels.AsSpan(y * width, width).IndexOfAnyInRange((byte)0, (byte)(level - 1)) >= 0;
            if (inked) run++;
            else if (run > 0) { runs.Add(run); run = 0; }
        }
        if (runs.Count == 0 || runs.Count(r => r * 2 >= runs.Max()) != 1) return null;

        // Glyphs: runs of columns with ink, each with its own top and bottom row of ink.
        var boxes = new List<(int Left, int Right, int Top, int Bottom)>();
        var start = -1;
        for (var x = 0; x <= width; x++)
        {
            var inked = false;
            for (var y = 0; x < width && y < height && !inked; y++) inked = pixels[y * width + x] < level;
            if (inked && start < 0) start = x;
            else if (!inked && start >= 0)
            {
                var (top, bottom) = (height, -1);
                for (var y = 0; y < height; y++)
                    for (var c = start; c < x; c++)
                        if (pixels[y * width + c] < level) { top = Math.Min(top, y); bottom = Math.Max(bottom, y); break; }
                boxes.Add((start, x - 1, top, bottom));
                start = -1;
            }
        }
        if (boxes.Count == 0) return null;
        var tallest = boxes.Max(b => b.Bottom - b.Top + 1);
        var tall = boxes.Where(b => b.Bottom - b.Top + 1 >= TallShare * tallest).ToList();
        var labels = text.Where(c => char.IsAsciiDigit(c) || c == '%').ToList();
        if (tall.Count != labels.Count) return null;
        // Each glyph as wide as what it is read as can be: a digit or a % cut in two by a faint stroke (a serif 3's
        // terminal, a %'s rings) makes as many glyphs as a reading of other digits, each a slice too narrow for its label.
        if (tall.Zip(labels).Any(p => !Plausible(p.Second, (p.First.Right - p.First.Left + 1.0) / (p.First.Bottom - p.First.Top + 1)))) return null;
        return [.. tall.Zip(labels, (b, label) => new Glyph(label, Sample(pixels, width, b, paper, darkest)))];
    }

    /// <summary>
    /// Whether a glyph of this width over height can be the character: a 1 is a stroke with at most its serifs; the other
    /// digits half an em or so wide against some seven tenths of one high (0.5–0.8 in the shop's faces, condensed to
    /// print); a % wider.
    /// </summary>
    private static bool Plausible(char label, double aspect) => label switch
    {
        '1' => aspect <= 0.75,
        '%' => aspect is >= 0.55 and <= 1.7,
        _ => aspect is >= 0.38 and <= 1.05,
    };

    /// <summary>The glyph's box sampled to the grid: each grid cell the mean darkness of the pixels it covers.</summary>
    private static float[] Sample(byte[] pixels, int width, (int Left, int Right, int Top, int Bottom) box, int paper, int darkest)
    {
        var shape = new float[GridWidth * GridHeight];
        var (w, h) = (box.Right - box.Left + 1, box.Bottom - box.Top + 1);
        var range = (float)(paper - darkest);
        for (var gy = 0; gy < GridHeight; gy++)
        {
            var y0 = box.Top + gy * h / GridHeight;
            var y1 = Math.Max(y0 + 1, box.Top + (gy + 1) * h / GridHeight);
            for (var gx = 0; gx < GridWidth; gx++)
            {
                var x0 = box.Left + gx * w / GridWidth;
                var x1 = Math.Max(x0 + 1, box.Left + (gx + 1) * w / GridWidth);
                var (sum, n) = (0f, 0);
                for (var y = y0; y < y1; y++)
                    for (var x = x0; x < x1; x++, n++)
                        sum += Math.Clamp((paper - pixels[y * width + x]) / range, 0f, 1f);
                shape[gy * GridWidth + gx] = sum / n;
            }
        }
        return shape;
    }

    private static int Median(byte[] pixels)
    {
        var histogram = new int[256];
        foreach (var p in pixels) histogram[p]++;
        var seen = 0;
        for (var v = 0; v < 256; v++)
            if ((seen += histogram[v]) * 2 > pixels.Length) return v;
        return 255;
    }

    /// <summary>The mean difference of ink between two sampled glyphs, 0 (alike) to 1.</summary>
    internal static double Difference(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return sum / a.Length;
    }

    /// <summary>
    /// The digits one page's engines read surely, as the mean shape of each (a template), and the page's figures judged
    /// against them. A cell's own glyphs are left out of the templates it is judged by.
    /// </summary>
    internal sealed class Page
    {
        private readonly double[][] _sums = [.. Enumerable.Range(0, 10).Select(_ => new double[GridWidth * GridHeight])];
        private readonly int[] _counts = new int[10];
        private readonly Dictionary<int, List<Glyph>> _learned = [];

        /// <summary>A digit needs this many sure samples on the page (besides the judged cell's) to be judged by.</summary>
        internal const int MinSamples = 2;

        /// <summary>
        /// How much nearer another digit's shape a glyph must be than its own reading's: under this share of the
        /// distance. Measured, leaving each cell out, on every figure glyph of six tuning scans (830): at 0.6 no glyph
        /// read surely (≥ 0.9) moved, and every misread 5 did.
        /// </summary>
        internal const double Nearer = 0.6;

        /// <summary>Takes a surely read cell's digits as samples of the page's print.</summary>
        public void Learn(int cell, IReadOnlyList<Glyph> glyphs)
        {
            var digits = glyphs.Where(g => char.IsAsciiDigit(g.Read)).ToList();
            if (digits.Count == 0 || !_learned.TryAdd(cell, digits)) return;
            foreach (var g in digits) Add(g, 1);
        }

        private void Add(Glyph g, int sign)
        {
            var d = g.Read - '0';
            _counts[d] += sign;
            for (var i = 0; i < g.Shape.Length; i++) _sums[d][i] += sign * g.Shape[i];
        }

        /// <summary>
        /// The cell's reading with each digit whose shape is the page's shape of another digit (far nearer it than its own
        /// reading's, or — where the page has too few other sure samples of the digit read, and the cell was read
        /// unsurely — far nearer it than any other) read as that digit; the reading as it was where none is.
        /// </summary>
        public string Judge(int cell, IReadOnlyList<Glyph> glyphs, string reading)
        {
            var typical = Typical();
            // The cell's own glyphs are no evidence about themselves.
            var learned = _learned.GetValueOrDefault(cell);
            // A sure reading of a digit the page has too few other samples of to judge by is left as read (a sure 5, one
            // of two, judged without itself, had been read as a 3); an unsure one is judged by the digits the page knows.
            var judgedUnsampled = learned is null;
            learned?.ForEach(g => Add(g, -1));
            try
            {
                var read = new List<char>(glyphs.Count);
                foreach (var g in glyphs)
                {
                    if (!char.IsAsciiDigit(g.Read)) { read.Add(g.Read); continue; }
                    var distances = Enumerable.Range(0, 10).Where(d => _counts[d] >= MinSamples)
                        .Select(d => (Digit: d, Distance: Difference(g.Shape, Template(d)))).OrderBy(x => x.Distance).ToList();
                    var readDigit = g.Read - '0';
                    if (distances.Count < 2 || distances[0].Digit == readDigit) { read.Add(g.Read); continue; }
                    var nearest = distances[0];
                    // Against the digit read where the page has samples of it; else against the next nearest, and then only
                    // a shape as near its digit's samples as the page's sure digits are to theirs.
                    var own = distances.FindIndex(x => x.Digit == readDigit);
                    var moves = own >= 0
                        ? nearest.Distance < Nearer * distances[own].Distance && nearest.Distance <= Close * typical
                        : judgedUnsampled && nearest.Distance < Nearer * distances[1].Distance && nearest.Distance <= Alike * typical;
                    read.Add(moves ? (char)('0' + nearest.Digit) : g.Read);
                }
                // The judged characters back into the reading, its points and commas (no glyphs of their own here) kept.
                var chars = reading.ToCharArray();
                var k = 0;
                for (var i = 0; i < chars.Length; i++)
                    if (char.IsAsciiDigit(chars[i]) || chars[i] == '%') chars[i] = read[k++];
                return new string(chars);
            }
            finally
            {
                learned?.ForEach(g => Add(g, 1));
            }
        }

        /// <summary>
        /// A read digit is taken for another only as near that digit's samples as this many times the page's typical
        /// distance of a sure digit from its own (where the page has samples of the digit read), or as
        /// <see cref="Alike"/> times it (where it has none: nothing then says how far the glyph is from its own).
        /// </summary>
        internal const double Close = 2.5, Alike = 1.5;

        private double? _typical;

        /// <summary>The median distance of a sure digit from its own digit's samples (the others'), once the page is learned.</summary>
        private double Typical()
        {
            if (_typical is { } known) return known;
            var distances = new List<double>();
            foreach (var glyphs in _learned.Values)
                foreach (var g in glyphs)
                {
                    var d = g.Read - '0';
                    if (_counts[d] - 1 < MinSamples) continue;
                    Add(g, -1);
                    distances.Add(Difference(g.Shape, Template(d)));
                    Add(g, 1);
                }
            distances.Sort();
            _typical = distances.Count == 0 ? 0 : distances[distances.Count / 2];
            return _typical.Value;
        }

        private float[] Template(int digit)
        {
            var t = new float[GridWidth * GridHeight];
            for (var i = 0; i < t.Length; i++) t[i] = (float)(_sums[digit][i] / _counts[digit]);
            return t;
        }
    }
}
