using System.Text;
using PerformanceEval.Review;
using Xunit;

namespace PerformanceEval.Tests.Review;

public sealed class SourceLinesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfeval-lines-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string Seed002 = File.ReadAllText(Fixtures.Input("seed-002-songjiang-2022-layout"));

    [Theory]
    [InlineData("utf-8", 1, 4)]
    [InlineData("utf-8-bom", 1, 3)]
    [InlineData("gb18030", 200, 206)]
    [InlineData("utf-16", 300, 306)]
    [InlineData("utf-8-crlf", 575, 590)]   // runs past the last line
    public void A_window_of_a_file_is_the_lines_of_the_file_read_whole(string encoding, int first, int last)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = encoding == "utf-8-crlf" ? Seed002.Replace("\n", "\r\n") : Seed002;
        var bytes = encoding switch
        {
            "utf-8-bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            "gb18030" => Encoding.GetEncoding(54936).GetBytes(text),
            "utf-16" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(),
            _ => Encoding.UTF8.GetBytes(text),
        };
        var path = Path.Combine(_dir, $"{encoding}.txt");
        File.WriteAllBytes(path, bytes);
        var lines = Seed002.Split('\n');

        var window = SourceLines.Read(path, first, last);

        var expected = Enumerable.Range(first, Math.Min(last, lines.Length) - first + 1).Select(n => new SourceLine(n, lines[n - 1])).ToList();
        Assert.Equal(expected, window);
        Assert.Contains("绩效", string.Concat(SourceLines.Read(path, 1, 40).Select(l => l.Text)), StringComparison.Ordinal);
    }
}
