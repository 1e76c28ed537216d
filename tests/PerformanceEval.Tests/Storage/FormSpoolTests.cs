using System.Collections.Immutable;
using PerformanceEval.Contract;
using PerformanceEval.Storage;
using Xunit;

namespace PerformanceEval.Tests.Storage;

public sealed class FormSpoolTests
{
    private static readonly ImmutableArray<CleanedForm> Seed001 = Fixtures.ImportPipeline.Extract(Fixtures.Input("seed-001-baoshan-2023-tsv")).Forms;

    [Theory]
    [InlineData(2)]    // 30 forms: held in memory
    [InlineData(40)]   // 600 forms: past InMemoryForms, spooled to a temporary file
    public void Forms_come_back_in_order_exactly_as_they_were_handed_on(int copies)
    {
        using var spool = new FormSpool();
        var handed = Enumerable.Range(0, copies)
            .Select(c => Seed001.Select(f => f with { Source = f.Source with { FormIndex = c * Seed001.Length + f.Source.FormIndex } }).ToImmutableArray())
            .ToList();
        handed.ForEach(spool.Add);

        Assert.Equal(copies * Seed001.Length, spool.Count);
        Assert.Equal(copies * Seed001.Sum(f => f.Findings.Length), spool.Findings);
        Assert.True(Seed001.Sum(f => f.Findings.Length) > 0);
        Assert.Equal(handed.SelectMany(f => f).Select(ContractJson.Serialize), spool.Forms().Select(ContractJson.Serialize));
        // Each with the table it was read from, which the contract's JSON does not carry.
        Assert.All(Seed001, f => Assert.NotNull(f.ReadTable));
        Assert.Equal(handed.SelectMany(f => f).Select(f => f.ReadTable!.ToJson()), spool.Forms().Select(f => f.ReadTable?.ToJson()));
        // Read twice (a retried transaction reads the spool again).
        Assert.Equal(spool.Count, spool.Forms().Count());
    }

    [Fact]
    public void A_spool_on_disk_leaves_no_file_behind()
    {
        string path;
        using (var spool = new FormSpool())
        {
            spool.Add(Seed001);
            Assert.Null(spool.SpoolPath);
            for (var i = 0; i < 40; i++) spool.Add(Seed001);
            path = spool.SpoolPath!;
            Assert.True(File.Exists(path));
        }
        Assert.False(File.Exists(path));
    }
}
