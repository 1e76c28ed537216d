using System.Diagnostics;
using PerformanceEval.Cli;
using PerformanceEval.Ingestion;
using Xunit;

namespace PerformanceEval.Tests.Cli;

/// <summary>What an archive folder holds besides forms: links, loops, pipes, devices, empty folders named like files.</summary>
public sealed class InputFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfeval-inputs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text = "财政项目支出绩效自评表")
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public void A_file_reached_through_links_and_a_looping_folder_link_is_listed_once()
    {
        var real = Write("a/form.txt");
        File.CreateSymbolicLink(Path.Combine(_dir, "a", "again.txt"), real);
        Directory.CreateSymbolicLink(Path.Combine(_dir, "a", "loop"), Path.Combine(_dir, "a"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "b"), Path.Combine(_dir, "a"));

        var inputs = InputFiles.Expand([_dir]);

        Assert.Equal([real], inputs.Files);
        Assert.Equal(1, inputs.Duplicates);
        Assert.Empty(inputs.Problems);
    }

    [Fact]
    public void A_dangling_link_is_a_problem_named_by_its_path()
    {
        Write("form.txt");
        var dangling = Path.Combine(_dir, "gone.txt");
        File.CreateSymbolicLink(dangling, Path.Combine(_dir, "nothing-here.txt"));
        var inputs = InputFiles.Expand([_dir]);
        Assert.Single(inputs.Files);
        Assert.Equal((dangling, "a dangling or looping link"), Assert.Single(inputs.Problems));
    }

    [Fact]
    public void An_empty_folder_named_like_a_pdf_is_a_problem_not_silence()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "x.pdf")).FullName;
        var inputs = InputFiles.Expand([folder]);
        Assert.Empty(inputs.Files);
        Assert.Equal((folder, "a folder that holds no input files"), Assert.Single(inputs.Problems));
    }

    [Fact]
    public void A_fifo_is_listed_to_be_refused_by_name_and_is_never_opened()
    {
        var fifo = Path.Combine(_dir, "pipe.txt");
        MakeFifo(fifo);
        Assert.Equal(InputPathKind.Fifo, InputPath.KindOf(fifo));
        Assert.Equal(InputPathKind.Device, InputPath.KindOf("/dev/null"));
        Assert.Equal(InputPathKind.Regular, InputPath.KindOf(Write("form.txt")));

        Assert.Contains(fifo, InputFiles.Expand([_dir]).Files);
        // Opening the FIFO would block this test for ever; the pipeline refuses it first.
        var result = Fixtures.Pipeline.Extract(fifo);
        Assert.True(result.Failed);
        Assert.Contains("named pipe", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_over_a_folder_with_a_fifo_writes_the_good_forms_names_the_fifo_and_exits_1()
    {
        File.Copy(Fixtures.Input("seed-001-baoshan-2023-tsv"), Path.Combine(_dir, "seed.txt"));
        MakeFifo(Path.Combine(_dir, "pipe.txt"));
        var output = Path.Combine(_dir, "out", "forms.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        var (code, _, stderr) = Perfeval.Run("extract", _dir, "--out", output);

        Assert.Equal(1, code);
        Assert.Contains("pipe.txt", stderr, StringComparison.Ordinal);
        Assert.Equal(15, File.ReadAllLines(output).Length);
    }
}
