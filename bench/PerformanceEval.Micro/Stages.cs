using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using PerformanceEval.Contract;
using PerformanceEval.Ingestion;
using PerformanceEval.Normalization;
using PerformanceEval.Pipeline;
using PerformanceEval.Tables;
using PerformanceEval.Templates;

namespace PerformanceEval.Micro;

/// <summary>Each stage of the text path on one seed dump (all its forms), the others' output held ready.</summary>
[MemoryDiagnoser]
public class Stages
{
    private SourceDocument _document = null!;
    private IngestedDocument _ingested = null!;
    private ImmutableArray<FormGrid> _grids;
    private ImmutableArray<CleanedForm> _forms;
    private ImmutableArray<ReadTable> _tables;
    private readonly TextDumpReader _reader = new();
    private FormSegmenter _segmenter = null!;
    private StandardFormNormalizer _normalizer = null!;
    private ExtractionPipeline _pipeline = null!;

    /// <summary>The seeds' dumps: markdown (000), TSV (001), layout text (002).</summary>
    [Params("000", "001", "002")]
    public string Seed { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var root = Root();
        var path = Directory.GetFiles(Path.Combine(root, "..", "shared", "seeds"), $"{Seed}_*.txt").Single();
        var standard = new LabelMatcher(TemplateModel.Load("standard", null));
        _segmenter = new FormSegmenter(standard);
        _normalizer = new StandardFormNormalizer(standard);
        _pipeline = new ExtractionPipelineBuilder().Build();
        _document = SourceDocument.FromBytes(path, File.ReadAllBytes(path));
        _ingested = _reader.Read(_document).Value;
        _grids = _segmenter.Segment(_ingested).Value;
        _forms = _pipeline.Extract(_document).Forms;
        _tables = [.. new ExtractionPipelineBuilder().KeepReadTables().Build().Extract(_document).Forms.Select(f => f.ReadTable!)];
    }

    [Benchmark]
    public IngestedDocument Ingestion() => _reader.Read(_document).Value;

    [Benchmark]
    public int Tables() => _segmenter.Segment(_ingested).Value.Length;

    [Benchmark]
    public int Normalizer()
    {
        var n = 0;
        foreach (var grid in _grids) n += _normalizer.Normalize(grid).Value.Form.Indicators.Length;
        return n;
    }

    [Benchmark]
    public int Checker()
    {
        var n = 0;
        foreach (var form in _forms) n += _pipeline.Checker.Check(form, null).Length;
        return n;
    }

    [Benchmark]
    public int Json()
    {
        var n = 0;
        foreach (var form in _forms) n += ContractJson.Serialize(form).Length;
        return n;
    }

    /// <summary>What <c>import</c> adds per form for the review page: the table as read, and its JSON.</summary>
    [Benchmark]
    public int ReadTable()
    {
        var n = 0;
        for (var i = 0; i < _grids.Length && i < _forms.Length; i++) n += ReadTables.Of(_grids[i], _forms[i].Provenance).Rows.Length;
        return n;
    }

    [Benchmark]
    public int ReadTableJson()
    {
        var n = 0;
        foreach (var table in _tables) n += table.ToJson().Length;
        return n;
    }

    [Benchmark(Baseline = true)]
    public int WholePipeline() => _pipeline.Extract(_document).Forms.Length;

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PerformanceEval.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
