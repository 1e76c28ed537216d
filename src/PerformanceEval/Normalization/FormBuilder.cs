using System.Collections.Immutable;
using PerformanceEval.Contract;
using PerformanceEval.Diagnostics;
using PerformanceEval.Ingestion;
using PerformanceEval.Provenance;
using PerformanceEval.Tables;
using PerformanceEval.Templates;

namespace PerformanceEval.Normalization;

/// <summary>
/// The normalizer's scratch pad for one form: fields as they are found, each with the cell it came from.
/// Frozen into an immutable <see cref="CleanedForm"/> by <see cref="Build"/>.
/// </summary>
internal sealed class FormBuilder(FormGrid grid, TemplateModel model)
{
    public FormGrid Grid { get; } = grid;
    public TemplateModel Model => model;
    public int? Year;
    public string? ProjectName, Department, ImplementingUnit, ImplementingOffice, CurrencyUnit;
    public bool? Recurring;
    public FundingLine? Total, Fiscal, Carryover, Other;

    /// <summary>Amounts of a funding line whose column the line's order could not tell (funding kind, value, cell, row).</summary>
    public readonly List<(string Kind, decimal Value, RawCell Cell, int Row)> UnplacedAmounts = [];

    /// <summary>The funding block's figures were found not to line up with its header: its lines are read by order.</summary>
    public bool FundingColumnsDrifted;
    public decimal? PreviousYearBudget;
    public string? Planned, Achieved;
    public readonly List<Indicator> Indicators = [];
    public decimal? TotalWeight, TotalScore;
    public readonly List<Section> Sections = [];

    /// <summary>
    /// Scanned section labels whose weight OCR garbled ("投入(142" of 投入(14分)), by section index: the digits read,
    /// the label's cell and row, to be taken only where the section's indicators' weights add up to them.
    /// </summary>
    public readonly Dictionary<int, (string Digits, RawCell Cell, int Row)> GarbledSectionWeights = [];
    public string? Grade, EvaluationDate, MainResults, MainProblems, Improvements;
    public GradeScale? PrintedBands;
    public readonly Dictionary<string, FieldProvenance> Provenance = [];
    public readonly List<Diagnostic> Diagnostics = [];

    /// <summary>
    /// Every cell a field was read from, the pieces of a joined value included (a name broken over lines, a value split
    /// over cells): what the table as read marks, where <see cref="Provenance"/> keeps the first.
    /// </summary>
    public readonly List<KeyValuePair<string, FieldProvenance>> Sources = [];

    /// <summary>How the fields recorded from now on were placed, when not by where they stood (<see cref="FieldProvenance.PlacedBy"/>).</summary>
    public string? Placement;

    /// <summary>Records where a field was read. The first reading of a field wins.</summary>
    public void From(string path, RawCell cell, int row, string? text = null, string? placedBy = null)
    {
        var at = At(cell, row, text, placedBy ?? Placement);
        Sources.Add(new(path, at));
        Provenance.TryAdd(path, at);
    }

    /// <summary>Records one more piece a field's value was joined from; its provenance stays the first piece's.</summary>
    public void AlsoFrom(string path, RawCell cell, int row) => Sources.Add(new(path, At(cell, row, null, Placement)));

    /// <summary>
    /// Hands what was read for one field to another (a text read into the wrong slot, put right): where it was read, the
    /// pieces it was joined from and the warnings naming it. A field nothing was read for leaves the other with nothing.
    /// </summary>
    public void MoveSource(string from, string to)
    {
        if (Provenance.Remove(from, out var at)) Provenance[to] = at;
        else Provenance.Remove(to);
        for (var i = 0; i < Sources.Count; i++)
            if (Sources[i].Key == from) Sources[i] = new(to, Sources[i].Value);
        for (var d = 0; d < Diagnostics.Count; d++)
            if (Diagnostics[d].Field == from) Diagnostics[d] = Diagnostics[d] with { Field = to };
    }

    /// <summary>
    /// Hands several fields' readings on at once (<see cref="MoveSource"/> for values that trade places): each key's
    /// provenance, pieces and warnings go to its value. A field handed on and not handed anything is left with nothing.
    /// </summary>
    public void RenameFields(IReadOnlyDictionary<string, string> moves)
    {
        if (moves.Count == 0) return;
        var taken = moves.Keys.Where(Provenance.ContainsKey).ToDictionary(k => k, k => Provenance[k]);
        foreach (var from in moves.Keys) Provenance.Remove(from);
        foreach (var (from, at) in taken) Provenance[moves[from]] = at;
        for (var i = 0; i < Sources.Count; i++)
            if (moves.TryGetValue(Sources[i].Key, out var to)) Sources[i] = new(to, Sources[i].Value);
        for (var d = 0; d < Diagnostics.Count; d++)
            if (Diagnostics[d].Field is { } f && moves.TryGetValue(f, out var to)) Diagnostics[d] = Diagnostics[d] with { Field = to };
    }

    private static FieldProvenance At(RawCell cell, int row, string? text, string? placedBy) =>
        new()
        {
            Page = cell.Source.Page,
            Line = cell.Source.Line,
            Row = row,
            Col = cell.Source.Col,
            Box = cell.Source.Box is { } b ? [b.X0, b.Y0, b.X1, b.Y1] : null,
            Text = text ?? cell.Text,
            Confidence = cell.Source.Confidence,
            Alternatives = cell.Source.Alternatives.IsDefaultOrEmpty ? null : cell.Source.Alternatives,
            PlacedBy = placedBy,
        };

    /// <summary>Records a warning at a cell (its row set to the form grid's), naming the field it concerns when there is one.</summary>
    public void Warn(DiagnosticCode code, string message, RawCell? cell, int? row = null, string? field = null) =>
        Diagnostics.Add(new Diagnostic(code, message, cell?.Source is { } s ? s with { Row = row ?? s.Row } : null, field));

    /// <summary>Repairs OCR misreadings of the form's own words and cells cut short by a wrap, with a warning each.</summary>
    public string? Repair(string? text, RawCell? cell, string field)
    {
        if (text is null) return null;
        var repaired = text;
        foreach (var (wrong, right) in model.Misreadings)
            repaired = repaired.Replace(wrong, right, StringComparison.Ordinal);
        foreach (var (cut, whole) in model.Truncations)
            if (repaired.EndsWith(cut, StringComparison.Ordinal)) repaired += whole[cut.Length..];
        if (repaired != text)
            Warn(DiagnosticCodes.TextRepaired, $"OCR 文字“{text}”按模板用语更正为“{repaired}”", cell, field: field);
        // A scanned note cell's specks, a seal's or the back page's ink read as marks, letters or a lone character ("人",
        // "ET", "一一-一一", "二ee012205人"): a note is words — two ideographs together at least, or 无 — or a placeholder.
        if (cell?.Source.Confidence is not null && field.EndsWith(".note", StringComparison.Ordinal) && IsNoteNoise(repaired))
        {
            Warn(DiagnosticCodes.NoiseDropped, $"偏差原因（备注）一格中 OCR 识别出的“{repaired}”不成文字（扫描件上的斑点或印迹），留空", cell, field: field);
            return null;
        }
        // A scanned indicator's name with the reader's marks at its ends or inside it ("工作考核达标率-，-", "人员'管理").
        if (cell?.Source.Confidence is not null && field.EndsWith(".name", StringComparison.Ordinal) && WithoutStrayMarks(repaired) is var clean &&
            clean != repaired && clean.Length > 0)
        {
            Warn(DiagnosticCodes.TextRepaired, $"OCR 文字“{repaired}”中识别出的零散标点已去除，读作“{clean}”", cell, field: field);
            repaired = clean;
        }
        // A scanned qualitative target or actual with the reader's noise about it ("2完善", "有所提5").
        if (cell?.Source.Confidence is not null && (field.EndsWith(".target", StringComparison.Ordinal) || field.EndsWith(".actual", StringComparison.Ordinal)) &&
            model.QualitativeMeasures.Snap(repaired) is { } word)
        {
            Warn(DiagnosticCodes.TextRepaired, $"OCR 文字“{repaired}”按常用的指标值更正为“{word}”", cell, field: field);
            repaired = word;
        }
        return repaired;
    }

    /// <summary>
    /// A scanned indicator's 分值 or 得分, or the 总分's 得分, over 100 ("155" for 15, "190" for 10): no such figure is
    /// printed, whichever model read it and however surely. It stays as read — a figure is never put right — and is
    /// flagged on its field. A text prints what it prints (its checker findings say the rest).
    /// </summary>
    public void FlagFiguresOver100()
    {
        void Flag(string field, decimal? value)
        {
            if (value is > 100 && Provenance.TryGetValue(field, out var at) && at.Confidence is not null)
                Warn(DiagnosticCodes.OcrFigureImplausible, $"读出的{(field.EndsWith("weight", StringComparison.Ordinal) ? "分值" : "得分")}“{value}”超过 100，请对照扫描件核对", null, field: field);
        }
        for (var i = 0; i < Indicators.Count; i++)
        {
            Flag($"indicators[{i}].weight", Indicators[i].Weight);
            Flag($"indicators[{i}].score", Indicators[i].Score);
        }
        Flag("totalScore", TotalScore);
    }

    /// <summary>
    /// A note's reading that holds no words: no two ideographs side by side (一 beside dashes is a rule's stroke), not a
    /// one-character answer (无, 有, 是, 否) and not a placeholder ("/", "—").
    /// </summary>
    internal static bool IsNoteNoise(string note)
    {
        var compact = TextCleaner.Compact(note);
        if (compact.Length == 0 || NumberParser.IsPlaceholder(compact)) return false;
        // A rule's remains read as 一 and dashes ("一一-一一"): the ideograph 一 here is a stroke, not a word.
        if (compact.All(c => c is '一' or 'ー' or '—' or '－' or '-' or '_' or '=' or '~' or '|')) return true;
        for (var i = 1; i < compact.Length; i++)
            if (TextCleaner.IsCjk(compact[i - 1]) && TextCleaner.IsCjk(compact[i])) return false;
        return new string([.. compact.Where(char.IsLetterOrDigit)]) is not ("无" or "有" or "是" or "否");
    }

    /// <summary>
    /// A name without the marks a reader makes of a rule's remains and specks: at either end, stops, commas, colons,
    /// dashes, bars and quotes (a 三级指标 name is no sentence: "节约运行成本." is 节约运行成本); inside, a bar, backtick
    /// or apostrophe between two ideographs ("人员'管理"). Commas and stops inside stay: a name may list ("按计划完成项目,
    /// 通过竣工验收"). Brackets and full quotes stay everywhere.
    /// </summary>
    internal static string WithoutStrayMarks(string name)
    {
        const string EndMarks = ".,:;'`~|_-—=、，。：；!！?？ ";
        var span = name.AsSpan().Trim(EndMarks);
        if (span.IndexOfAny("'`|") < 0) return span.Length == name.Length ? name : span.ToString();
        var kept = new System.Text.StringBuilder(span.Length);
        for (var i = 0; i < span.Length; i++)
            if (!(span[i] is '\'' or '`' or '|' && i > 0 && i + 1 < span.Length && span[i - 1] is >= '\u4E00' and <= '\u9FFF' && span[i + 1] is >= '\u4E00' and <= '\u9FFF'))
                kept.Append(span[i]);
        return kept.ToString();
    }

    public CleanedForm Build(string template) => new()
    {
        Source = new FormSource
        {
            Path = Grid.Source.Path,
            Sha256 = Grid.Source.Sha256,
            FormIndex = Grid.FormIndex,
            Pages = Grid.Pages,
            InputKind = Grid.Kind.ToContract(),
        },
        Template = template,
        Year = Year,
        ProjectName = ProjectName,
        Department = Department,
        ImplementingUnit = ImplementingUnit,
        ImplementingOffice = ImplementingOffice,
        Recurring = Recurring,
        CurrencyUnit = CurrencyUnit,
        Funding = new Funding
        {
            Total = NullIfEmpty(Total),
            Fiscal = NullIfEmpty(Fiscal),
            Carryover = NullIfEmpty(Carryover),
            Other = NullIfEmpty(Other),
            PreviousYearBudget = PreviousYearBudget,
        },
        Goals = new Goals { Planned = Planned, Achieved = Achieved },
        Indicators = [.. Indicators],
        TotalWeight = TotalWeight,
        TotalScore = TotalScore,
        Sections = [.. Sections],
        Grade = Grade,
        EvaluationDate = EvaluationDate,
        MainResults = MainResults,
        MainProblems = MainProblems,
        Improvements = Improvements,
        Warnings = [.. DiagnosticFlood.Cap(Diagnostics).Select(d => d.ToWarning())],
        Provenance = Provenance,
    };

    /// <summary>A funding row printed with nothing in it is no funding line.</summary>
    private static FundingLine? NullIfEmpty(FundingLine? line) => line is null || line.IsEmpty ? null : line;
}

/// <summary>A normalized form and what the checker may need beyond the contract (the grade bands it prints).</summary>
public sealed record NormalizedForm(CleanedForm Form, GradeScale? PrintedBands)
{
    /// <summary>Every cell each field was read from, pieces of joined values included (for the table as read).</summary>
    public IReadOnlyList<KeyValuePair<string, FieldProvenance>> ReadFrom { get; init; } = [];
}

/// <summary>The normalizer stage: a repaired form grid in, a form in the contract out.</summary>
public interface IFormNormalizer
{
    StageResult<NormalizedForm> Normalize(FormGrid grid);
}
