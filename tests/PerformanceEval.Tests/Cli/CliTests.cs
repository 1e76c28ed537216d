using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit;

namespace PerformanceEval.Tests.Cli;

/// <summary>The perfeval command as a user runs it: a real process, real files, exit codes and streams.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfeval-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);


    [Fact]
    public void A_batch_with_damaged_files_writes_the_good_forms_names_each_failure_and_exits_1()
    {
        File.Copy(Fixtures.Input("seed-002-songjiang-2022-layout"), Path.Combine(_dir, "a-good.txt"));
        File.WriteAllBytes(Path.Combine(_dir, "b-empty.txt"), []);
        File.WriteAllBytes(Path.Combine(_dir, "c-binary.png"), [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]);
        File.WriteAllText(Path.Combine(_dir, "d-no-form.txt"), "会议纪要\n今天讨论了预算安排。\n");
        var (code, stdout, stderr) = Perfeval.Run("extract", _dir);
        Assert.Equal(1, code);
        Assert.Equal(5, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("b-empty.txt: the file is empty", stderr);
        Assert.Contains("c-binary.png: the image could not be decoded", stderr);
        Assert.Contains("d-no-form.txt: no 财政项目支出绩效自评表 found", stderr);
    }

    [Fact]
    public void A_clean_run_exits_0_and_writes_json_lines_to_the_out_file_with_a_summary()
    {
        var output = Path.Combine(_dir, "forms.jsonl");
        var (code, stdout, stderr) = Perfeval.Run("extract", Fixtures.Input("seed-001-baoshan-2023-tsv"), "--out", output, "--summary");
        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        Assert.Equal(15, File.ReadAllLines(output).Length);
        Assert.Contains("forms read              15", stderr);
        Assert.Contains("execution-rate", stderr);
    }

    [Theory]
    [InlineData("extract")]
    [InlineData("extract", "--no-such-flag", "x")]
    [InlineData("frobnicate")]
    [InlineData("extract", "--workers", "0", "x")]
    [InlineData("import", "-j", "-1", "x")]
    public void A_usage_error_exits_2(params string[] args) => Assert.Equal(2, Perfeval.Run(args).Code);

    [Fact]
    public void Extract_writes_the_same_lines_in_the_same_order_whatever_the_workers()
    {
        // Files are read in parallel and written in the order given: the output is one, with one worker or three.
        string[] inputs = [Fixtures.Input("seed-001-baoshan-2023-tsv"), Fixtures.Input("seed-002-songjiang-2022-layout"),
            Fixtures.Input("seed-000-qingpu-2021-markdown"), Fixtures.Input("html-baoshan-2023-rowspans")];
        string Extract(string workers)
        {
            var output = Path.Combine(_dir, $"forms-{workers}.jsonl");
            var (code, _, stderr) = Perfeval.Run(["extract", .. inputs, "--workers", workers, "--out", output]);
            Assert.Equal(0, code);
            Assert.Contains($"with {workers} workers", stderr);
            return File.ReadAllText(output);
        }
        var one = Extract("1");
        Assert.Equal(15 + 5 + 6 + 1, one.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);   // the gold's forms
        Assert.Equal(one, Extract("3"));
    }

    [Fact]
    public void Help_explains_the_commands()
    {
        var (code, stdout, _) = Perfeval.Run("extract", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--summary", stdout);
        Assert.Contains("JSON Lines", stdout);
    }

    [Fact]
    public void Check_rewrites_the_findings_of_a_hand_corrected_form_and_nothing_else()
    {
        var extracted = Path.Combine(_dir, "forms.jsonl");
        Perfeval.Run("extract", Fixtures.Input("seed-001-baoshan-2023-tsv"), "--out", extracted);
        var lines = File.ReadAllLines(extracted);
        // The auditor corrects form 3's 执行率 from 49.28 to 49.27: its execution-rate finding must go.
        var corrected = JsonNode.Parse(lines[3])!.AsObject();
        Assert.Contains(corrected["findings"]!.AsArray(), f => f!["rule"]!.GetValue<string>() == "execution-rate");
        corrected["funding"]!["total"]!["executionRate"] = JsonNode.Parse("49.27");
        lines[3] = corrected.ToJsonString(PerformanceEval.Contract.ContractJson.Options);
        File.WriteAllLines(extracted, lines);

        var rechecked = Path.Combine(_dir, "rechecked.jsonl");
        var (code, _, stderr) = Perfeval.Run("check", extracted, "--out", rechecked);
        Assert.True(code == 0, stderr);
        var after = File.ReadAllLines(rechecked);
        Assert.Equal(lines.Length, after.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var before = JsonNode.Parse(lines[i])!.AsObject();
            var now = JsonNode.Parse(after[i])!.AsObject();
            before.Remove("findings");
            var findings = now["findings"]!.AsArray();
            now.Remove("findings");
            Assert.Equal(before.ToJsonString(), now.ToJsonString());
            if (i == 3) Assert.DoesNotContain(findings, f => f!["rule"]!.GetValue<string>() == "execution-rate");
        }
    }

    [Fact]
    public void Check_reads_version_1_forms_and_writes_them_as_version_2()
    {
        // The gold files are written in version 1 (warnings as strings); one is given a warning string to upgrade.
        var gold = JsonNode.Parse(File.ReadLines(Path.Combine(Fixtures.Case("seed-001-baoshan-2023-tsv"), "expected.jsonl")).Skip(3).First())!.AsObject();
        gold["warnings"] = new JsonArray("text.repaired: indicators[0].name: OCR text \"a\" read as \"b\" (input.tsv:12 r4 c3)");
        var input = Path.Combine(_dir, "v1.jsonl");
        File.WriteAllText(input, gold.ToJsonString() + "\n");
        var output = Path.Combine(_dir, "v2.jsonl");

        var (code, _, stderr) = Perfeval.Run("check", input, "--out", output);

        Assert.True(code == 0, stderr);
        var form = JsonNode.Parse(File.ReadAllText(output))!.AsObject();
        Assert.Equal("2", (string?)form["schemaVersion"]);
        Assert.Equal(("text.repaired", 12), ((string?)form["warnings"]![0]!["code"], (int?)form["warnings"]![0]!["source"]!["line"]));
        var rate = Assert.Single(form["findings"]!.AsArray(), f => (string?)f!["rule"] == "execution-rate")!;
        Assert.NotNull((decimal?)rate["difference"]);
        Assert.NotNull((decimal?)rate["amount"]);
    }
}

/// <summary>import, status and export as a user runs them against a SQLite store.</summary>
public sealed class StoreCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("perfeval-store-cli-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }


    [Fact]
    public void Import_reports_progress_lines_status_lists_failures_and_export_writes_the_forms()
    {
        var archive = Directory.CreateDirectory(Path.Combine(_dir, "archive")).FullName;
        File.Copy(Fixtures.Input("seed-002-songjiang-2022-layout"), Path.Combine(archive, "a.txt"));
        File.WriteAllBytes(Path.Combine(archive, "b.txt"), []);
        var db = Path.Combine(_dir, "store.db");

        var (code, _, stderr) = Perfeval.Run("import", archive, "--db", db);
        Assert.Equal(1, code);                                  // one file failed
        Assert.Contains("import: 2/2 files  5 forms", stderr);  // not a terminal: plain progress lines
        Assert.Contains("1 read, 1 failed, 5 forms", stderr);

        var status = Perfeval.Run("status", "--db", db);
        Assert.Equal(0, status.Code);
        Assert.Contains("b.txt: the file is empty", status.Out);
        Assert.Matches(@"2022\s+5", status.Out);

        var output = Path.Combine(_dir, "forms.jsonl");
        Assert.Equal(0, Perfeval.Run("export", "--db", db, "--out", output, "--with-findings").Code);
        Assert.Equal(5, File.ReadAllLines(output).Length);
        Assert.Equal(2, Perfeval.Run("status", "--db", Path.Combine(_dir, "missing.db")).Code);
    }

    [Fact]
    public void Reviewer_add_keeps_the_password_read_from_standard_input_and_refuses_a_short_one()
    {
        var db = Path.Combine(_dir, "store.db");
        var (code, _, stderr) = Perfeval.RunWithInput("correct horse battery\n", "reviewer", "add", "审计员甲", "--db", db);
        Assert.True(code == 0, stderr);
        Assert.True(PerformanceEval.Storage.FormStore.Open(db).Authenticate("审计员甲", "correct horse battery"));
        var (shortCode, _, shortErr) = Perfeval.RunWithInput("short\n", "reviewer", "add", "审计员乙", "--db", db);
        Assert.Equal(2, shortCode);
        Assert.Contains("密码至少 8 个字符", shortErr, StringComparison.Ordinal);
        Assert.False(PerformanceEval.Storage.FormStore.Open(db).Authenticate("审计员乙", "short"));
    }

    [Fact]
    public void Report_writes_the_summary_as_a_workbook_excel_opens_and_as_csv()
    {
        var db = Path.Combine(_dir, "store.db");
        Assert.Equal(0, Perfeval.Run("import", Fixtures.Input("seed-001-baoshan-2023-tsv"), Fixtures.Input("seed-002-songjiang-2022-layout"), "--db", db).Code);

        var xlsx = Path.Combine(_dir, "汇总.xlsx");
        var (code, _, stderr) = Perfeval.Run("report", "--db", db, "--out", xlsx);
        Assert.True(code == 0, stderr);
        Assert.Equal(["汇总", "按规则"], MiniExcelLibs.MiniExcel.GetSheetNames(xlsx));
        var rows = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "汇总").Cast<IDictionary<string, object>>().ToList();
        // Seed 001's form 10 prints no 主管部门: its row is the unread one, after the named ones.
        Assert.Equal(["上海市宝山区行政服务中心", "上海市松江区行政服务中心", "（未识别）", "合计"], rows.Select(r => r["主管部门"]?.ToString()));
        Assert.Equal([14.0, 5.0, 1.0, 20.0], rows.Select(r => Convert.ToDouble(r["自评表数"], System.Globalization.CultureInfo.InvariantCulture)));
        var rules = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "按规则").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(rules, r => r["规则"]?.ToString() == "预算执行率不符" && r["年度"]?.ToString() == "2023");

        var csv = Path.Combine(_dir, "汇总.csv");
        Assert.Equal(0, Perfeval.Run("report", "--db", db, "--out", csv, "--year", "2022").Code);
        var bytes = File.ReadAllBytes(csv);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("主管部门,年度,自评表数", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("上海市松江区行政服务中心,2022,5,", lines[1], StringComparison.Ordinal);

        Assert.Equal(2, Perfeval.Run("report", "--db", db, "--out", Path.Combine(_dir, "r.txt")).Code);
        Assert.False(File.Exists(Path.Combine(_dir, "r.txt")));
    }
}
