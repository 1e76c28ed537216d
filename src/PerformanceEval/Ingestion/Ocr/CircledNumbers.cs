namespace PerformanceEval.Ingestion.Ocr;

/// <summary>
/// Circled numbers (① … ⑨) found in a crop by their shape. chi_sim has no such characters in its unicharset, so the
/// criteria template's 评分规则 — "①是否按计划时间节点完成各项工作；（1分）②资金使用是否…" — comes out of it with each
/// ① as 中, 个, 名, "@3" or nothing (98 of the print shop's tuning misses). The ring is plain on the page: a closed
/// round stroke about an ideograph's size, its corners blank (口, 日, 回 are square: their corners are ink), a digit
/// alone inside it. <see cref="Find"/> gives the rings; the engine reads the digit inside each on its own
/// (<see cref="Digit"/> cuts it out), and <see cref="Restore"/> puts the circled number where the engine's symbols
/// stood on the ring, or before the symbol after it where the engine dropped it.
/// </summary>
internal static class CircledNumbers
{
    /// <summary>A ring's box, and the box of the ink inside it (the digit), in the crop's pixels.</summary>
    internal readonly record struct Ring(int Left, int Top, int Right, int Bottom, int InnerLeft, int InnerTop, int InnerRight, int InnerBottom)
    {
        public int Size => Math.Max(Right - Left, Bottom - Top) + 1;
        public double CenterX => (Left + Right) / 2.0;
        public double CenterY => (Top + Bottom) / 2.0;
        public double Radius => (Right - Left + Bottom - Top + 2) / 4.0;
    }

    /// <summary>A ring's diameter at 300 dpi, pixels: a circled number of 7–16 pt print.</summary>
    private const int MinSize = 18, MaxSize = 80;

    /// <summary>How far a ring's box may be from square (width against height).</summary>
    private const double MaxAspect = 1.25;

    /// <summary>
    /// Share of a ring's ink outside its hole (beyond <see cref="Inner"/> of its radius) that must lie near its circle
    /// (up to <see cref="Outer"/>): a square's corners lie further out.
    /// </summary>
    private const double OnCircle = 0.92, Inner = 0.68, Outer = 1.18;

    /// <summary>Of sixteen directions from the centre, how many must hold ring ink: a closed ring, not a bracket's arc.</summary>
    private const int Directions = 16, DirectionsInked = 15;

    private const string Circled = "①②③④⑤⑥⑦⑧⑨";

    public static char Of(int digit) => Circled[digit - 1];

    /// <summary>
    /// The rings in a crop, left to right within top to bottom. <paramref name="ink"/>: gray below it is print.
    /// A crop with no ink of a ring's size costs one pass over its pixels.
    /// </summary>
    public static List<Ring> Find(byte[] pixels, int width, int height, byte ink)
    {
        var rings = new List<Ring>();
        if (width < MinSize || height < MinSize) return rings;
        var label = new int[width * height];
        var components = new List<(int Left, int Top, int Right, int Bottom, int Count)>();
        var stack = new Stack<int>();
        for (var start = 0; start < pixels.Length; start++)
        {
            if (label[start] != 0 || pixels[start] >= ink) continue;
            var id = components.Count + 1;
            var (left, top, right, bottom, count) = (int.MaxValue, int.MaxValue, -1, -1, 0);
            label[start] = id;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                var (x, y) = (p % width, p / width);
                (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
                count++;
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (nx, ny) = (x + dx, y + dy);
                        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
                        var q = ny * width + nx;
                        if (label[q] != 0 || pixels[q] >= ink) continue;
                        label[q] = id;
                        stack.Push(q);
                    }
            }
            components.Add((left, top, right, bottom, count));
        }
        for (var k = 0; k < components.Count; k++)
        {
            var (left, top, right, bottom, count) = components[k];
            var (w, h) = (right - left + 1, bottom - top + 1);
            if (w < MinSize || h < MinSize || w > MaxSize || h > MaxSize) continue;
            if (Math.Max(w, h) > MaxAspect * Math.Min(w, h)) continue;
            // A ring's stroke fills a small part of its box; a blot or a dense ideograph far more.
            if (count > 0.45 * w * h || count < 0.08 * w * h) continue;
            var (cx, cy, radius) = ((left + right) / 2.0, (top + bottom) / 2.0, (w + h) / 4.0);
            // The ring's ink: what lies outside the hole. A digit's stroke touching the ring (a blurred ② its foot) is one
            // piece of ink with it; its part in the hole is the digit's.
            var (outside, near, seen) = (0, 0, new bool[Directions]);
            var (il, it, ir, ib) = (int.MaxValue, int.MaxValue, -1, -1);
            for (var y = top; y <= bottom; y++)
                for (var x = left; x <= right; x++)
                {
                    if (label[y * width + x] != k + 1) continue;
                    var d = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) / radius;
                    if (d < Inner)
                    {
                        (il, it, ir, ib) = (Math.Min(il, x), Math.Min(it, y), Math.Max(ir, x), Math.Max(ib, y));
                        continue;
                    }
                    outside++;
                    if (d > Outer) continue;
                    near++;
                    var angle = Math.Atan2(y - cy, x - cx) + Math.PI;
                    seen[Math.Min(Directions - 1, (int)(angle / (2 * Math.PI) * Directions))] = true;
                }
            if (near < OnCircle * outside || seen.Count(s => s) < DirectionsInked) continue;
            if (!RingAlongRays(pixels, width, height, ink, cx, cy, radius)) continue;
            // The digit: the ink in the hole, of the ring's piece or on its own.
            for (var j = 0; j < components.Count; j++)
            {
                if (j == k) continue;
                var c = components[j];
                if (c.Left <= left || c.Right >= right || c.Top <= top || c.Bottom >= bottom) continue;
                if (Math.Sqrt(Math.Pow((c.Left + c.Right) / 2.0 - cx, 2) + Math.Pow((c.Top + c.Bottom) / 2.0 - cy, 2)) > 0.5 * radius) continue;
                (il, it, ir, ib) = (Math.Min(il, c.Left), Math.Min(it, c.Top), Math.Max(ir, c.Right), Math.Max(ib, c.Bottom));
            }
            if (ir < 0 || ib - it + 1 < 0.35 * h || ib - it + 1 > 0.8 * h) continue;
            rings.Add(new Ring(left, top, right, bottom, il, it, ir, ib));
        }
        // Reading order: by line (rings whose middles are within half a ring's height), then left to right.
        rings.Sort((a, b) => Math.Abs(a.CenterY - b.CenterY) < a.Size / 2.0 ? a.Left.CompareTo(b.Left) : a.CenterY.CompareTo(b.CenterY));
        return rings;
    }

    /// <summary>Rays from a ring's centre looked along, and how many must cross it as a ring, and with a gap inside.</summary>
    private const int Rays = 32, RaysCrossing = 30, RaysGapped = 20;

    /// <summary>
    /// Whether ink lies about the centre as a ring: along nearly every ray out from it, a thin run of ink at about the
    /// radius (a stroke, not a character's mass), and along most of them paper just inside it — the gap between the ring
    /// and its digit. An ideograph whose outline comes near a circle (资, 经) has strokes running in to its middle.
    /// </summary>
    private static bool RingAlongRays(byte[] pixels, int width, int height, byte ink, double cx, double cy, double radius)
    {
        var (crossing, gapped) = (0, 0);
        for (var k = 0; k < Rays; k++)
        {
            var (dx, dy) = (Math.Cos(2 * Math.PI * k / Rays), Math.Sin(2 * Math.PI * k / Rays));
            bool Inked(double t)
            {
                var (x, y) = ((int)Math.Round(cx + t * dx), (int)Math.Round(cy + t * dy));
                return x >= 0 && y >= 0 && x < width && y < height && pixels[y * width + x] < ink;
            }
            // The run of ink about the radius: from the first inked step at 0.8–1.0 of it, out and in.
            double? hit = null;
            for (var t = 0.8 * radius; t <= 1.0 * radius && hit is null; t += 0.5)
                if (Inked(t)) hit = t;
            if (hit is not { } at) continue;
            var (inner, outer) = (at, at);
            while (inner - 0.5 >= 0.3 * radius && Inked(inner - 0.5)) inner -= 0.5;
            while (outer + 0.5 <= 1.4 * radius && Inked(outer + 0.5)) outer += 0.5;
            if (outer - inner > 0.35 * radius || outer > 1.25 * radius) continue;
            crossing++;
            if (inner - 0.5 >= 0.3 * radius && !Inked(inner - 1) && !Inked(inner - 2)) gapped++;
        }
        return crossing >= RaysCrossing && gapped >= RaysGapped;
    }

    /// <summary>
    /// The digit inside a ring alone, on white, with a margin and at twice the size (the engine reads a lone small
    /// digit better so): gray pixels row after row, and the image's width and height.
    /// </summary>
    public static (byte[] Pixels, int Width, int Height) Digit(byte[] pixels, int width, Ring ring)
    {
        const int margin = 12, scale = 2;
        var (w, h) = (ring.InnerRight - ring.InnerLeft + 1, ring.InnerBottom - ring.InnerTop + 1);
        var (ow, oh) = (w * scale + 2 * margin, h * scale + 2 * margin);
        var output = new byte[ow * oh];
        Array.Fill(output, (byte)255);
        for (var y = 0; y < h * scale; y++)
            for (var x = 0; x < w * scale; x++)
            {
                var (sx, sy) = (ring.InnerLeft + x / scale, ring.InnerTop + y / scale);
                // The ring's own ink, where the digit touches it, stays out.
                if (Math.Sqrt(Math.Pow(sx - ring.CenterX, 2) + Math.Pow(sy - ring.CenterY, 2)) <= Inner * ring.Radius)
                    output[(y + margin) * ow + x + margin] = pixels[sy * width + sx];
            }
        return (output, ow, oh);
    }

    /// <summary>
    /// The text with each ring's circled number in it. The digits are the engine's readings of the rings' insides
    /// (null where it read none; an unread one is numbered by its place among the read, <see cref="Numbered"/>). A ring
    /// whose number stays unknown leaves the text as it is there. The symbols' boxes say where in the text a ring stands: the symbols on it (the engine's misreading of the
    /// circled number) are replaced by it; where none is on it, it goes before the next symbol of its line. Text the
    /// symbols do not match (they are the engine's own pieces of it, in order) is left as read.
    /// </summary>
    public static string Restore(string text, IReadOnlyList<BoxedSymbol> symbols, IReadOnlyList<Ring> rings, IReadOnlyList<int?> digits)
    {
        if (rings.Count == 0 || symbols.Count == 0) return text;
        var numbers = Numbered(digits);
        // Where each symbol's text starts in the text.
        var starts = new int[symbols.Count];
        var at = 0;
        for (var s = 0; s < symbols.Count; s++)
        {
            while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
            if (string.IsNullOrEmpty(symbols[s].Text) || !Matches(text, at, symbols[s].Text)) return text;
            starts[s] = at;
            at += symbols[s].Text.Length;
        }
        // Edits from the end of the text back, so earlier positions stay good.
        var edits = new List<(int At, int Length, string With)>();
        var taken = new HashSet<int>();
        for (var r = 0; r < rings.Count; r++)
        {
            if (numbers[r] is not { } number || number is < 1 or > 9) continue;
            var ring = rings[r];
            var circled = Of(number).ToString();
            // The engine's symbols on the ring's line from the ring on. The first, where it starts on the ring, is the
            // engine's reading of it — unless the next starts more than a character past the ring: then the first is
            // the character after the ring, its box stretched over the ring the engine did not read (资 of "①资金").
            var line = Enumerable.Range(0, symbols.Count).Where(s => !taken.Contains(s) && SameLine(symbols[s], ring) && symbols[s].Right > ring.Left)
                .OrderBy(s => symbols[s].Left).ToList();
            if (line.Count == 0) continue;
            var first = line[0];
            var onRing = symbols[first].Left < ring.CenterX &&
                         (line.Count == 1 || symbols[line[1]].Left <= ring.Right + 0.75 * ring.Size);
            if (!onRing)
            {
                edits.Add((starts[first], 0, circled));
                continue;
            }
            // Every symbol the engine made of the ring (@3, "(2)") is in it: those starting before the ring's right edge.
            var on = line.TakeWhile(s => symbols[s].Left < ring.Right - ring.Size / 4).ToList();
            if (on.Count == 0) on = [first];
            var (from, to) = (on.Min(), on.Max());
            if (to - from + 1 != on.Count) continue;
            taken.UnionWith(on);
            edits.Add((starts[from], starts[to] + symbols[to].Text.Length - starts[from], circled));
        }
        foreach (var (position, length, with) in edits.OrderByDescending(e => e.At))
            text = text[..position] + with + text[(position + length)..];
        return text;
    }

    /// <summary>
    /// Each ring's number: its digit as read, or where that was unread, its place in the enumeration the read ones make —
    /// the one before it plus its distance from it (a ring missed between them is no gap a reading can tell of, so the
    /// run must fit the next read one), or with none read before it, counted back from the next read, or from ①.
    /// </summary>
    private static int?[] Numbered(IReadOnlyList<int?> digits)
    {
        var numbers = digits.ToArray();
        for (var i = 0; i < numbers.Length; i++)
        {
            if (numbers[i] is not null) continue;
            var before = Enumerable.Range(0, i).Reverse().Where(j => digits[j] is not null).Cast<int?>().FirstOrDefault();
            var after = Enumerable.Range(i + 1, numbers.Length - i - 1).Where(j => digits[j] is not null).Cast<int?>().FirstOrDefault();
            int guess = before is { } b ? digits[b]!.Value + (i - b) : after is { } a ? digits[a]!.Value - (a - i) : i + 1;
            var fits = guess is >= 1 and <= 9 && (after is not { } n || guess + (n - i) <= digits[n]!.Value);
            if (fits) numbers[i] = guess;
        }
        return numbers;
    }

    /// <summary>Whether the text at <paramref name="at"/> is the symbol's (a bracket or sign the engine's text shows full-width or as ≥ counts).</summary>
    private static bool Matches(string text, int at, string symbol)
    {
        if (at + symbol.Length > text.Length) return false;
        for (var i = 0; i < symbol.Length; i++)
        {
            var (t, s) = (text[at + i], symbol[i]);
            if (t != s && Half(t) != s) return false;
        }
        return true;
    }

    private static char Half(char c) => c switch { '（' => '(', '）' => ')', '；' => ';', '：' => ':', '≥' => '>', '≤' => '<', _ => c };

    private static bool SameLine(BoxedSymbol s, Ring ring) => Math.Min(s.Bottom, ring.Bottom) - Math.Max(s.Top, ring.Top) > (ring.Bottom - ring.Top) / 3;
}
