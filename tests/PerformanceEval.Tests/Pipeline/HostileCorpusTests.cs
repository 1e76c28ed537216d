using System.Diagnostics;
using System.Text.Json.Nodes;
using PerformanceEval.Tests.Cli;
using Xunit;

namespace PerformanceEval.Tests.Pipeline;

/// <summary>
/// The hostile corpus (tests/hostile/make_corpus.py: figures beyond the contract, bad bytes, bombs, monsters, pipes,
/// devices, links and loops, mixed with the seeds) through the pipeline one input at a time and through one
/// <c>extract</c> and one <c>import</c>: every good form written, every bad input a form or a named failure with
/// its code, nothing lost, nothing hanging. Peak memory per input is measured by tests/hostile/measure.sh.
/// </summary>
public sealed class HostileCorpusTests : IClassFixture<HostileCorpusTests.Corpus>
{
    public sealed class Corpus : IDisposable
    {
        public string Dir { get; } = Directory.CreateTempSubdirectory("perfeval-hostile-").FullName;
        public string Inputs => Path.Combine(Dir, "inputs");
        public JsonObject Manifest { get; }

        public Corpus()
        {
            using var make = Process.Start(new ProcessStartInfo("python3") { ArgumentList = { Path.Combine(Fixtures.RepoRoot, "tests", "hostile", "make_corpus.py"), Dir }, RedirectStandardError = true })!;
            var error = make.StandardError.ReadToEnd();
            make.WaitForExit();
            Assert.True(make.ExitCode == 0, error);
            Manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, "manifest.json")))!.AsObject();
        }

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }

    private readonly Corpus _corpus;

    public HostileCorpusTests(Corpus corpus) => _corpus = corpus;

    public static TheoryData<string> Inputs()
    {
        // The names the generator writes; the fixture checks the manifest holds each.
        return ["good-seed-000.txt", "good-seed-001.txt", "nines.txt", "arabic-year.txt", "fullwidth-digits.txt",
                "seed-002-trailing-ff.txt", "seed-002-cut-mid-character.txt", "empty.txt", "binary.bin", "not-a-form.txt",
                "big.txt", "endless-form.txt", "long-line.txt", "wide.html", "nested.html", "truncated.pdf", "not-a-pdf.pdf", "zero-pages.pdf",
                "encrypted.pdf", "page-20000pt.pdf", "bomb-30000.png", "pipe.txt", "zero.txt"];
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Each_input_gives_its_forms_or_a_failure_with_its_code_and_never_hangs(string name)
    {
        var expect = _corpus.Manifest[name]!.AsObject();
        var path = Path.Combine(_corpus.Inputs, name);
        // A hang is a failure of the test, not of the run: the wait gives up after a minute.
        var result = await Task.Run(() => Fixtures.Pipeline.Extract(path)).WaitAsync(TimeSpan.FromSeconds(60));
        if ((string)expect["expect"]! == "forms")
        {
            Assert.False(result.Failed, $"{name}: {result.Failure}");
            Assert.Equal((int)expect["forms"]!, result.Forms.Length);
            if ((string?)expect["warning"] is { } code)
                Assert.Contains(result.Forms.SelectMany(f => f.Warnings), w => w.Code == code);
        }
        else
        {
            Assert.True(result.Failed, $"{name}: expected a failure, got {result.Forms.Length} forms");
            Assert.Contains(result.Diagnostics, d => d.Code.Id == (string)expect["code"]!);
            if ((string?)expect["reason"] is { } reason) Assert.Contains(reason, result.Failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_command_line_sees_a_link_once_and_reports_the_empty_folder()
    {
        var inputs = PerformanceEval.Cli.InputFiles.Expand([_corpus.Inputs]);
        Assert.Contains(inputs.Files, f => f.EndsWith("good-seed-003.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(inputs.Files, f => f.EndsWith("link-to-seed-003.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(inputs.Files, f => f.Contains("/loop/", StringComparison.Ordinal));
        var files = _corpus.Manifest.Where(e => (string)e.Value!["expect"]! is not ("duplicate" or "problem")).Select(e => e.Key).Order().ToList();
        Assert.Equal(files, inputs.Files.Select(f => Path.GetFileName(f)).Order().ToList());
        var empty = Path.Combine(_corpus.Inputs, "x.pdf");
        Assert.Equal([(empty, "a folder that holds no input files")], PerformanceEval.Cli.InputFiles.Expand([empty]).Problems);
    }

    [Fact]
    public void One_extract_and_one_import_write_every_good_form_name_every_failure_and_exit_1()
    {
        var expected = _corpus.Manifest.Where(e => (string)e.Value!["expect"]! == "forms").Sum(e => (int)e.Value!["forms"]!);
        var failures = _corpus.Manifest.Where(e => (string)e.Value!["expect"]! == "failed").Select(e => e.Key).ToList();

        var output = Path.Combine(_corpus.Dir, "forms.jsonl");
        var (code, _, stderr) = Perfeval.Run("extract", _corpus.Inputs, "--out", output);
        Assert.Equal(1, code);
        Assert.Equal(expected, File.ReadAllLines(output).Length);
        foreach (var name in failures) Assert.Contains($"error: {Path.Combine(_corpus.Inputs, name)}:", stderr, StringComparison.Ordinal);

        var db = Path.Combine(_corpus.Dir, "store.db");
        var import = Perfeval.Run("import", _corpus.Inputs, "--db", db);
        Assert.Equal(1, import.Code);
        var status = PerformanceEval.Storage.FormStore.Open(db).Status();
        Assert.Equal(expected, status.Forms);
        foreach (var name in failures) Assert.Contains(status.Failed, f => f.Path.EndsWith("/" + name, StringComparison.Ordinal));
        Assert.DoesNotContain(status.ByStatus, s => s.Status is "running" or "pending");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
