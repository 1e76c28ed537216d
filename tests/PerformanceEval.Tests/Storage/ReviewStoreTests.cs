using Xunit;
using System.Text.Json.Nodes;
using PerformanceEval.Contract;
using PerformanceEval.Review;
using PerformanceEval.Storage;
using Serilog.Core;

namespace PerformanceEval.Tests.Storage;

/// <summary>The store under the review page, on both engines: the queue, decisions, corrections, and the export.</summary>
public sealed class ReviewStoreTests
{
    private static readonly FormCorrector Corrector = new(Fixtures.Pipeline.Checker);

    public static TheoryData<string> Engines => ["sqlite", "postgres"];

    private static TestStore Make(string engine) => engine == "sqlite" ? TestStore.Sqlite() : TestStore.Postgres();

    /// <summary>Seeds 001 and 002 and the hostile form (the last document), imported.</summary>
    private static (FormStore Store, long HostileForm) Import(TestStore test)
    {
        var store = test.Open();
        string[] files = [Fixtures.Input("seed-001-baoshan-2023-tsv"), Fixtures.Input("seed-002-songjiang-2022-layout"),
            Path.Combine(Fixtures.Case("review-hostile-text"), "form.txt")];
        var report = new Importer(store, Fixtures.Pipeline, Logger.None).Run(files, 1, false, false);
        Assert.Equal(3, report.Done);
        var hostile = store.Queue(new QueueFilter(Rule: "total-score", PageSize: 500)).Items
            .Single(i => i.Project!.Contains("window.__xss", StringComparison.Ordinal)).FormId;
        return (store, hostile);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void The_queue_sorted_by_amount_puts_the_most_yuan_first_and_carries_each_finding_s_difference(string engine)
    {
        using var test = Make(engine);
        var (store, _) = Import(test);
        var byAmount = store.Queue(new QueueFilter(PageSize: 500, Sort: "amount")).Items;
        var priced = byAmount.TakeWhile(i => i.Amount is not null).ToList();
        Assert.True(priced.Count >= 3, "the seeds hold findings about money");
        Assert.True(priced.Zip(priced.Skip(1)).All(p => p.First.Amount >= p.Second.Amount), "most yuan first");
        Assert.All(byAmount.Skip(priced.Count), i => Assert.Null(i.Amount));
        Assert.All(priced, i => Assert.Contains(i.Rule, new[] { "execution-rate", "funding-breakdown", "executed-exceeds-budget" }));
        // Seed 001's form 3: 49.28% stated, 236500 / 480000 = 49.27%: 0.01 point, 44 yuan of its budget.
        var rate = Assert.Single(byAmount, i => i is { Rule: "execution-rate", Stated: "49.28" });
        Assert.Equal((0.01, 44.0), (Math.Round(rate.Difference!.Value, 4), rate.Amount!.Value));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void The_default_queue_puts_material_discrepancies_the_form_states_first_and_suspected_misreadings_apart(string engine)
    {
        using var test = Make(engine);
        var store = test.Open();
        var file = Path.Combine(test.Dir, "seed-001.txt");
        File.Copy(Fixtures.Input("seed-001-baoshan-2023-tsv"), file);
        store.Register([file], force: false, retryFailed: false);
        var result = Fixtures.Pipeline.Extract(file);
        // Each form's first finding marked as computed from an unsure OCR reading (the checker's own marking is tested
        // in FindingStakesTests); what the store does with the marks is measured here.
        var marked = result with
        {
            Forms = [.. result.Forms.Select(f => f with { Findings = [.. f.Findings.Select((x, i) => x with { SuspectedMisread = i == 0 })] })],
        };
        using (var claim = store.ClaimNext("test-run")!) store.Complete(claim, marked, TimeSpan.Zero);
        var all = store.Queue(new QueueFilter(PageSize: 500)).Items;
        var suspects = marked.Forms.Count(f => !f.Findings.IsEmpty);
        Assert.True(all.Count > suspects && all.Any(i => i.Material == true) && all.Any(i => i.Material == false),
            "seed 001 holds material and immaterial findings besides the marked ones");
        Assert.All(all, i => Assert.NotNull(i.Material));
        // The form's own discrepancies, material first, then the suspected misreadings.
        var stated = all.TakeWhile(i => i.Suspect == false).ToList();
        Assert.Equal(all.Count - suspects, stated.Count);
        Assert.All(all.Skip(stated.Count), i => Assert.True(i.Suspect));
        Assert.Equal(stated.OrderBy(i => i.Material == true ? 0 : 1).Select(i => i.FindingId), stated.Select(i => i.FindingId));
        Assert.Equal(suspects, store.Queue(new QueueFilter(PageSize: 500, Kind: "ocr")).Matching);
        Assert.Equal(all.Count - suspects, store.Queue(new QueueFilter(PageSize: 500, Kind: "stated")).Matching);
        // A form page shows the same marks.
        var form = store.ReviewForm(all[^1].FormId)!;
        Assert.True(Assert.Single(form.Findings, f => f.Id == all[^1].FindingId).Suspect);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void One_cause_is_one_line_counted_once_and_its_decision_decides_its_followers(string engine)
    {
        using var test = Make(engine);
        var (store, _) = Import(test);
        // Seed 001: forms whose funding breakdown fails in two to four columns.
        var each = store.Queue(new QueueFilter(Rule: "funding-breakdown", PageSize: 500)).Items;
        var forms = each.Select(i => i.FormId).Distinct().ToList();
        Assert.True(each.Count > forms.Count, "seed 001 holds breakdowns that fail in several columns");
        var lines = store.Queue(new QueueFilter(PageSize: 500)).Items.Where(i => i.Rule == "funding-breakdown").ToList();
        Assert.Equal(forms.Order(), lines.Select(i => i.FormId).Order());   // one line a form
        Assert.All(lines, l => Assert.Equal(each.Count(i => i.FormId == l.FormId), l.CauseSize));

        var leader = lines.First(l => l.CauseSize > 1);
        store.Decide(leader.FormId, leader.FindingId, "confirm", null, "审核人甲");
        var form = store.ReviewForm(leader.FormId)!;
        var cause = form.Findings.Where(f => f.Rule == "funding-breakdown").ToList();
        Assert.All(cause, f => Assert.Equal("confirm", f.Status));
        Assert.All(cause.Where(f => f.Id != leader.FindingId), f => Assert.NotNull(f.Follows));
        var followed = form.History.Where(d => d.FindingId != leader.FindingId && cause.Any(f => f.Id == d.FindingId)).ToList();
        Assert.Equal(leader.CauseSize - 1, followed.Count);
        Assert.All(followed, d => Assert.Equal(("confirm", "审核人甲", "与同一原因的问题一并决定"), (d.Decision, d.DecidedBy, d.Reason)));
        // Findings of other causes on the form are not touched.
        Assert.All(form.Findings.Where(f => f.Rule != "funding-breakdown"), f => Assert.Equal("pending", f.Status));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_form_imported_as_TSV_and_as_PDF_knows_its_other_source(string engine)
    {
        using var test = Make(engine);
        var store = test.Open();
        var report = new Importer(store, Fixtures.Pipeline, Logger.None)
            .Run([Fixtures.Input("seed-001-baoshan-2023-tsv"), Fixtures.Input("pdf-baoshan-2023-three-forms")], 1, false, false);
        Assert.Equal(2, report.Done);
        // Seed 001's first three forms are the PDF's three: each names the other, and no other form.
        var pdfForms = store.Queue(new QueueFilter(PageSize: 500)).Items.Select(i => store.ReviewForm(i.FormId)!)
            .Where(f => f.InputKind == "pdf-text").DistinctBy(f => f.Id).ToList();
        Assert.NotEmpty(pdfForms);
        foreach (var pdf in pdfForms)
        {
            var other = Assert.Single(store.OtherSources(pdf.Id));
            Assert.Equal("text", other.InputKind);
            Assert.Equal(ContractJson.Deserialize(pdf.CurrentJson).ProjectName, ContractJson.Deserialize(other.Json).ProjectName);
            Assert.Contains(store.OtherSources(other.FormId), o => o.FormId == pdf.Id);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void The_previous_and_next_forms_keep_to_the_queue_s_filter(string engine)
    {
        using var test = Make(engine);
        var (store, _) = Import(test);
        var filter = new QueueFilter(Rule: "execution-rate", PageSize: 500);
        var withRule = store.Queue(filter).Items.Select(i => i.FormId).Distinct().Order().ToList();
        var withAny = store.Queue(new QueueFilter(PageSize: 500)).Items.Select(i => i.FormId).Distinct().Order().ToList();
        Assert.True(withRule.Count >= 2 && withAny.Count > withRule.Count, "the seeds hold forms with and without the rule");

        foreach (var (form, i) in withRule.Select((f, i) => (f, i)))
        {
            var along = store.ReviewForm(form, filter)!;
            Assert.Equal(i > 0 ? withRule[i - 1] : null, along.PreviousFormId);
            Assert.Equal(i + 1 < withRule.Count ? withRule[i + 1] : null, along.NextFormId);
        }
        // Without a filter, the next form is the next with anything to decide.
        var first = store.ReviewForm(withAny[0])!;
        Assert.Equal(withAny[1], first.NextFormId);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void The_summary_counts_each_department_s_year_and_the_money_a_dismissal_takes_off_the_table(string engine)
    {
        using var test = Make(engine);
        var (store, _) = Import(test);
        var before = store.Summary(new ExportFilter());
        var queue = store.Queue(new QueueFilter(PageSize: 500)).Items;

        Assert.Equal(store.Status().Forms, before.ByDepartmentYear.Sum(s => s.Forms));
        // Seed 001 is 宝山 2023: 14 of its forms print the department (in either spelling), one prints none (and the
        // hostile form is 宝山's too). Each row's forms are what export gives for it, its findings the queue's.
        var baoshan = Assert.Single(before.ByDepartmentYear, s => s is { Department: "上海市宝山区行政服务中心", Year: 2023 });
        Assert.Equal(store.Export(new ExportFilter(2023, "上海市宝山区行政服务中心")).Count(), baoshan.Forms);
        Assert.True(baoshan.Forms >= 14);
        Assert.Equal(store.Export(new ExportFilter(2023)).Count(), before.ByDepartmentYear.Where(s => s.Year == 2023).Sum(s => s.Forms));
        Assert.Contains(before.ByDepartmentYear, s => s is { Department: null, Year: 2023 });
        var itsFindings = queue.Where(i => i is { Department: "上海市宝山区行政服务中心", Year: 2023 }).ToList();
        Assert.Equal(itsFindings.Count(i => i.Severity == "warning"), baoshan.Warnings);
        Assert.Equal(itsFindings.Select(i => i.FormId).Distinct().Count(), baoshan.FormsWithFindings);
        Assert.Equal(itsFindings.Sum(i => i.Amount ?? 0), baoshan.AmountAtStake, 2);
        Assert.Equal(itsFindings.Count, baoshan.Pending);
        Assert.Equal(itsFindings.Count, before.ByRule.Where(r => r.Department == baoshan.Department && r.Year == 2023).Sum(r => r.Findings));

        // Dismissing the 49.28% finding (44 yuan) takes its money off what is at stake and counts it dismissed.
        var rate = Assert.Single(itsFindings, i => i is { Rule: "execution-rate", Stated: "49.28" });
        store.Decide(rate.FormId, rate.FindingId, "dismiss", "四舍五入", "审计员");
        var after = Assert.Single(store.Summary(new ExportFilter(Year: 2023, Department: "上海市宝山区行政服务中心")).ByDepartmentYear);
        Assert.Equal((baoshan.AmountAtStake - 44, baoshan.Pending - 1, 1L), (Math.Round(after.AmountAtStake, 2), after.Pending, after.Dismissed));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_form_is_signed_off_once_every_finding_is_decided_and_the_list_finds_it_by_its_document_number(string engine)
    {
        using var test = Make(engine);
        var (store, _) = Import(test);
        // Seed 001's 服务费 (宝财行签[2023]277号): found by its document number, brackets and all.
        var found = Assert.Single(store.Forms(new FormListFilter(Search: "宝财行签[2023]277号")).Items);
        Assert.Contains("277号", found.Project, StringComparison.Ordinal);
        Assert.Empty(store.Forms(new FormListFilter(Search: "%")).Items);   // a % is a character, not a wildcard
        var form = store.ReviewForm(found.FormId)!;
        var pending = form.Findings.Where(f => f.Status == "pending").ToList();
        Assert.NotEmpty(pending);
        Assert.Equal(("pending", (long)pending.Count), (found.State, found.Pending));

        var early = Assert.Throws<DecisionRejectedException>(() => store.SignOff(found.FormId, "数据核实无误", "审计员"));
        Assert.Contains($"尚有 {pending.Count} 条问题待审核", early.Message, StringComparison.Ordinal);
        store.Decide(found.FormId, pending[0].Id, "confirm", null, "审计员");
        Assert.Equal("reviewing", store.Forms(new FormListFilter(Search: "277号")).Items.Single().State);
        foreach (var finding in pending.Skip(1)) store.Decide(found.FormId, finding.Id, "dismiss", "舍入", "审计员");

        var signed = store.SignOff(found.FormId, "  执行率填报误差已确认，其余无误。 ", "审计员乙");
        Assert.Equal(("执行率填报误差已确认，其余无误。", "审计员乙"), (signed.Opinion, signed.SignedBy));
        Assert.Equal(signed, store.ReviewForm(found.FormId)!.SignedOff);
        Assert.Contains("审计员乙", Assert.Throws<DecisionRejectedException>(() => store.SignOff(found.FormId, "再审", "丙")).Message, StringComparison.Ordinal);
        var list = store.Forms(new FormListFilter(State: "signed"));
        Assert.Equal((1L, found.FormId, "审计员乙"), (list.Matching, list.Items.Single().FormId, list.Items.Single().SignedBy));
        Assert.Equal(1L, list.ByState["signed"]);
        // The export carries the sign-off in the form's review member.
        var exported = store.Export(new ExportFilter(2023)).Select(l => JsonNode.Parse(l)!).Single(n => n["review"]?["signOff"] is not null);
        Assert.Equal("审计员乙", (string?)exported["review"]!["signOff"]!["signedBy"]);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Every_pending_finding_a_filter_selects_is_decided_at_once_and_a_changed_selection_is_refused(string engine)
    {
        using var test = Make(engine);
        var (store, _) = Import(test);
        var filter = new QueueFilter(Rule: "execution-rate", PageSize: 500);
        var all = store.Queue(new QueueFilter(PageSize: 500)).Items;
        var selected = all.Where(i => i is { Rule: "execution-rate", Status: "pending" }).ToList();
        Assert.True(selected.Count >= 2, "the seeds hold several execution-rate findings");

        // Another reviewer decided one meanwhile: the count the page showed no longer holds, nothing is decided.
        store.Decide(selected[0].FormId, selected[0].FindingId, "confirm", null, "乙");
        var changed = Assert.Throws<DecisionRejectedException>(() => store.DecideAll(filter, "dismiss", "舍入", "甲", selected.Count));
        Assert.Contains("请刷新后再试", changed.Message, StringComparison.Ordinal);
        Assert.Equal(selected.Count - 1, store.Queue(filter with { Status = "pending" }).Items.Count);
        Assert.Throws<DecisionRejectedException>(() => store.DecideAll(filter, "dismiss", null, "甲", selected.Count - 1));

        Assert.Equal(selected.Count - 1, store.DecideAll(filter, "dismiss", "按四舍五入填报", "甲", selected.Count - 1));

        var after = store.Queue(new QueueFilter(PageSize: 500)).Items.ToDictionary(i => i.FindingId);
        Assert.Equal("confirm", after[selected[0].FindingId].Status);
        Assert.All(selected.Skip(1), i => Assert.Equal("dismiss", after[i.FindingId].Status));
        Assert.All(all.Where(i => i.Rule != "execution-rate"), i => Assert.Equal(i.Status, after[i.FindingId].Status));
        // Each finding has its own decision in its form's history, with who and why.
        Assert.All(selected.Skip(1), i => Assert.Contains(store.ReviewForm(i.FormId)!.History,
            d => d.FindingId == i.FindingId && d is { Decision: "dismiss", Reason: "按四舍五入填报", DecidedBy: "甲" }));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_reviewer_s_password_is_kept_as_a_salted_hash_and_checked(string engine)
    {
        using var test = Make(engine);
        var store = test.Open();
        Assert.False(store.HasReviewers());
        store.SetReviewer(" 审计员甲 ", "correct horse battery");
        Assert.True(store.HasReviewers());
        Assert.True(store.Authenticate("审计员甲", "correct horse battery"));
        Assert.False(store.Authenticate("审计员甲", "correct horse batterY"));
        Assert.False(store.Authenticate("审计员乙", "correct horse battery"));
        Assert.Throws<ArgumentException>(() => store.SetReviewer("审计员乙", "short"));
        store.SetReviewer("审计员甲", "a new password");   // a new password replaces the old
        Assert.False(store.Authenticate("审计员甲", "correct horse battery"));
        Assert.True(store.Authenticate("审计员甲", "a new password"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_page_beyond_the_end_shows_the_last_one_and_decisions_take_the_store_s_clock(string engine)
    {
        using var test = Make(engine);
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 2, 5, 37, 5, TimeSpan.Zero));
        var store = FormStore.Open(test.Target, clock);
        new Importer(store, Fixtures.Pipeline, Logger.None).Run([Fixtures.Input("seed-001-baoshan-2023-tsv")], 1, false, false);
        var beyond = store.Queue(new QueueFilter(Page: 1000, PageSize: 7));
        Assert.Equal(beyond.Pages, beyond.Page);
        Assert.NotEmpty(beyond.Items);
        var item = beyond.Items[0];
        var decided = store.Decide(item.FormId, item.FindingId, "confirm", null, "审计员");
        Assert.Equal("2026-12-02T05:37:05.0000000+00:00", decided.DecidedAt);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void One_department_printed_two_ways_is_one_in_the_filters_and_each_form_keeps_its_printed_name(string engine)
    {
        using var test = Make(engine);
        var store = test.Open();
        var other = Path.Combine(test.Dir, "short-name.txt");
        File.WriteAllText(other, File.ReadAllText(Fixtures.Input("seed-001-baoshan-2023-tsv")).Replace("主管部门\t上海市宝山区行政服务中心", "主管部门\t宝山区行政服务中心"));
        new Importer(store, Fixtures.Pipeline, Logger.None).Run([Fixtures.Input("seed-001-baoshan-2023-tsv"), other], 1, false, false);
        var queue = store.Queue(new QueueFilter(PageSize: 500));
        Assert.Equal(["上海市宝山区行政服务中心"], queue.Departments);
        var filtered = store.Queue(new QueueFilter(Department: "上海市宝山区行政服务中心", PageSize: 500));
        Assert.Equal(queue.Items.Count(i => i.Department is not null), filtered.Matching);   // forms whose 主管部门 was read
        var shortForm = filtered.Items.Select(i => JsonNode.Parse(store.ReviewForm(i.FormId)!.CurrentJson)!)
            .First(f => (string?)f["source"]!["path"] == other);
        Assert.Equal(("宝山区行政服务中心", "上海市宝山区行政服务中心"), ((string?)shortForm["department"], (string?)shortForm["departmentCanonical"]));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void The_queue_is_sorted_by_severity_filtered_counted_and_paged(string engine)
    {
        using var test = Make(engine);
        var (store, _) = Import(test);
        var all = store.Queue(new QueueFilter(PageSize: 500));
        var rank = new Dictionary<string, int> { ["error"] = 0, ["warning"] = 1, ["info"] = 2 };
        Assert.True(all.Items.Zip(all.Items.Skip(1)).All(p => rank[p.First.Severity] <= rank[p.Second.Severity]), "most severe first");
        Assert.Equal(all.Items.Count, all.Matching);
        Assert.Equal(all.Matching, all.ByStatus["pending"]);
        Assert.Equal(all.Items.Count(i => i.Severity == "warning"), all.BySeverity["warning"]);

        var year = store.Queue(new QueueFilter(Year: 2022, PageSize: 500));
        Assert.NotEmpty(year.Items);
        Assert.All(year.Items, i => Assert.Equal(2022, i.Year));
        var rule = store.Queue(new QueueFilter(Rule: "execution-rate", Severity: "warning", PageSize: 500));
        Assert.All(rule.Items, i => Assert.Equal(("execution-rate", "warning"), (i.Rule, i.Severity)));

        var page1 = store.Queue(new QueueFilter(PageSize: 7));
        var page2 = store.Queue(new QueueFilter(Page: 2, PageSize: 7));
        Assert.Equal(7, page1.Items.Count);
        Assert.Equal(all.Items.Skip(7).Take(7).Select(i => i.FindingId), page2.Items.Select(i => i.FindingId));
        Assert.Equal(all.Matching, page2.Matching);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_dismissal_is_kept_with_who_when_and_why_and_moves_the_finding_out_of_pending(string engine)
    {
        using var test = Make(engine);
        var (store, form) = Import(test);
        var finding = store.ReviewForm(form)!.Findings.First();
        store.Decide(form, finding.Id, "dismiss", "四舍五入差异", "审计员甲");

        var after = store.ReviewForm(form)!;
        Assert.Equal("dismiss", after.Findings.Single(f => f.Id == finding.Id).Status);
        var record = Assert.Single(after.History);
        Assert.Equal(("dismiss", "四舍五入差异", "审计员甲", finding.Id), (record.Decision, record.Reason, record.DecidedBy, record.FindingId!.Value));
        Assert.True(DateTimeOffset.TryParse(record.DecidedAt, out _));
        Assert.DoesNotContain(store.Queue(new QueueFilter(Status: "pending", PageSize: 500)).Items, i => i.FindingId == finding.Id);
        Assert.Contains(store.Queue(new QueueFilter(Status: "dismiss")).Items, i => i.FindingId == finding.Id);
        Assert.Throws<DecisionRejectedException>(() => store.Decide(form + 1000, finding.Id, "confirm", null, "x"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_correction_keeps_the_original_rechecks_and_the_export_carries_it(string engine)
    {
        using var test = Make(engine);
        var (store, form) = Import(test);
        var total = store.ReviewForm(form)!.Findings.Single(f => f.Rule == "total-score");
        var imported = store.ReviewForm(form)!.ImportedJson;

        var (decision, corrected) = store.Correct(form, total.Id, "indicators[0].score",
            json => Corrector.Apply(json, new Correction("indicators[0].score", "10")), "与原件核对", "审计员乙");

        Assert.Equal(("1.0", "10"), (decision.OriginalValue, decision.CorrectedValue));
        var after = store.ReviewForm(form)!;
        Assert.Equal(imported, after.ImportedJson);
        Assert.Equal(corrected.Json, after.CorrectedJson);
        Assert.Equal("resolved", after.Findings.Single(f => f.Id == total.Id).Status);
        Assert.Contains("total-score", after.History.Single().Outcome);

        var line = store.Export(new ExportFilter(WithFindings: true)).Select(l => JsonNode.Parse(l)!.AsObject())
            .Single(f => ((string?)f["projectName"])!.Contains("window.__xss", StringComparison.Ordinal));
        Assert.Equal("10", line["indicators"]![0]!["score"]!.ToJsonString());
        Assert.DoesNotContain(line["findings"]!.AsArray(), f => (string?)f!["rule"] == "total-score");
        var correction = Assert.Single(line["review"]!["corrections"]!.AsArray())!;
        Assert.Equal(("indicators[0].score", "1.0", "10", "审计员乙", "与原件核对"),
            ((string?)correction["field"], (string?)correction["original"], (string?)correction["corrected"], (string?)correction["decidedBy"], (string?)correction["reason"]));
        // Forms nobody reviewed export exactly as before: no review member.
        Assert.All(store.Export(new ExportFilter()).Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(f => !((string?)f["projectName"])!.Contains("window.__xss", StringComparison.Ordinal)), f => Assert.False(f.ContainsKey("review")));
    }

    [Fact]
    public void A_second_correction_applies_to_the_corrected_form_and_both_stay_in_the_history()
    {
        using var test = TestStore.Sqlite();
        var (store, form) = Import(test);
        store.Correct(form, null, "indicators[0].score", json => Corrector.Apply(json, new Correction("indicators[0].score", "10")), null, "甲");
        var (second, _) = store.Correct(form, null, "indicators[0].score", json => Corrector.Apply(json, new Correction("indicators[0].score", "9")), "再核", "乙");
        Assert.Equal(("10", "9"), (second.OriginalValue, second.CorrectedValue));
        Assert.Equal(2, store.ReviewForm(form)!.History.Count);
        var raised = store.ReviewForm(form)!.Findings.Where(f => f.Origin == "correction").ToList();
        Assert.Contains(raised, f => f.Rule == "total-score" && f.Status == "pending");
    }

    [Fact]
    public void A_forced_reimport_keeps_a_document_with_decisions()
    {
        using var test = TestStore.Sqlite();
        var (store, form) = Import(test);
        var finding = store.ReviewForm(form)!.Findings.First();
        store.Decide(form, finding.Id, "confirm", null, "甲");
        var report = new Importer(store, Fixtures.Pipeline, Logger.None)
            .Run([Path.Combine(Fixtures.Case("review-hostile-text"), "form.txt")], 1, force: true, retryFailed: false);
        Assert.Equal(0, report.Registration.Queued);
        Assert.Equal("confirm", store.ReviewForm(form)!.Findings.Single(f => f.Id == finding.Id).Status);
    }

    [Fact]
    public void A_forced_reimport_keeps_a_clean_form_signed_off_without_decisions()
    {
        using var test = TestStore.Sqlite();
        var store = test.Open();
        var file = Fixtures.Input("seed-003-minhang-2020-criteria");   // one form, no findings
        new Importer(store, Fixtures.Pipeline, Logger.None).Run([file], 1, false, false);
        var clean = Assert.Single(store.Forms(new FormListFilter()).Items);
        Assert.Equal(0, clean.Errors + clean.Warnings + clean.Infos);
        store.SignOff(clean.FormId, "无问题", "甲");

        var report = new Importer(store, Fixtures.Pipeline, Logger.None).Run([file], 1, force: true, retryFailed: false);

        Assert.Equal(0, report.Registration.Queued);
        Assert.Equal("甲", store.ReviewForm(clean.FormId)!.SignedOff?.SignedBy);
    }
}
