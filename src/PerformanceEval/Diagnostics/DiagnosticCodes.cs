using System.Collections.Immutable;
using System.Reflection;
using static PerformanceEval.Diagnostics.DiagnosticSeverity;
using Stage = PerformanceEval.Diagnostics.DiagnosticStage;

namespace PerformanceEval.Diagnostics;

/// <summary>
/// Every diagnostic the pipeline raises, in one place. A stage raises only codes from here (a test scans the
/// sources for literals); later stages and the checker ask a form for a code (<c>form.Has(DiagnosticCodes.RowLost)</c>),
/// never for message text. <c>docs/diagnostics.md</c> is generated from this list (a test fails when it is stale).
/// </summary>
public static class DiagnosticCodes
{
    // ── Ingestion: the file itself ──────────────────────────────────────────────────────────────
    public static readonly DiagnosticCode InputUnreadable = new("input.unreadable", Error, Stage.Ingestion,
        "文件无法从磁盘读取（不存在、无权限或读取出错）。", "检查文件路径与权限后重新导入。");
    public static readonly DiagnosticCode InputEmpty = new("input.empty", Error, Stage.Ingestion,
        "文件为空。", "找回原始文件后重新导入。");
    public static readonly DiagnosticCode InputImage = new("input.image", Error, Stage.Ingestion,
        "文件是图片，但 OCR 读取器无法处理它。", "确认已安装 Tesseract，或将图片另存为 PNG/TIFF 后重试。");
    public static readonly DiagnosticCode InputBinary = new("input.binary", Error, Stage.Ingestion,
        "文件不是文本（不是 UTF-8、UTF-16 或 GB18030 编码的文本，也不是 PDF 或图片）。", "确认文件类型；压缩包须先解压。");
    public static readonly DiagnosticCode TextInvalidBytes = new("text.invalid-bytes", Warning, Stage.Ingestion,
        "文件按 UTF-8 读取，但有少数字节不是 UTF-8（文件被截断或混入了杂字节），这些字节已替换为 �。", "核对所指行附近的文字与数字。");
    public static readonly DiagnosticCode InputNoText = new("input.no-text", Error, Stage.Ingestion,
        "文件中没有文字。", "确认导出是否完整。");
    public static readonly DiagnosticCode InputTooLarge = new("input.too-large", Error, Stage.Ingestion,
        "文件或其中一行超过 pipeline.json 中 limits 的上限，未读取。", "确认文件是否损坏；确属正常时放宽 limits 后重新导入。");
    public static readonly DiagnosticCode TooManyPages = new("input.too-many-pages", Error, Stage.Ingestion,
        "文件的页数超过 limits.maxPagesPerDocument，未读取。", "拆分文件，或放宽上限后重新导入。");
    public static readonly DiagnosticCode ImageTooLarge = new("image.too-large", Error, Stage.Ingestion,
        "一页图片的像素数超过 limits.maxPixelsPerPage（可能是解压炸弹），未解码。", "确认图片分辨率；确属正常时放宽上限后重新导入。");
    public static readonly DiagnosticCode TableTooLarge = new("html.too-large", Error, Stage.Ingestion,
        "HTML 表格的单元格数、列数或嵌套层数超过 limits 的上限，未读取。", "确认文件是否为正常导出；确属正常时放宽上限后重新导入。");
    public static readonly DiagnosticCode ToolMissing = new("tool.missing", Error, Stage.Ingestion,
        "读取所需的外部程序（poppler、Tesseract）未安装或无法加载。", "安装提示中的软件包后重新导入该文件。");
    public static readonly DiagnosticCode ImageUnreadable = new("image.unreadable", Error, Stage.Ingestion,
        "图片无法解码（已损坏或并非图片）。", "重新扫描或找回原始图片。");

    // ── Ingestion: PDFs ─────────────────────────────────────────────────────────────────────────
    public static readonly DiagnosticCode PdfEncrypted = new("pdf.encrypted", Error, Stage.Ingestion,
        "PDF 已加密，需要密码才能打开。", "向发布单位索取未加密的文件。");
    public static readonly DiagnosticCode PdfUnreadable = new("pdf.unreadable", Error, Stage.Ingestion,
        "PDF 已损坏或并非 PDF，两种读取方式均失败。", "找回完整的原始文件。");
    public static readonly DiagnosticCode PdfNoPages = new("pdf.no-pages", Error, Stage.Ingestion,
        "PDF 中没有页面。", "找回完整的原始文件。");
    public static readonly DiagnosticCode PdfPageUnreadable = new("pdf.page-unreadable", Error, Stage.Ingestion,
        "PDF 的某一页无法读取。", "找回完整的原始文件；其余页面未被采用。");
    public static readonly DiagnosticCode PdfScan = new("pdf.scan", Error, Stage.Ingestion,
        "PDF 没有可用的文字层（是扫描件），而本次运行未配置 OCR。", "在 pipeline.json 中启用 OCR 后重新导入。");
    public static readonly DiagnosticCode PdfRenderFailed = new("pdf.render-failed", Error, Stage.Ingestion,
        "扫描件 PDF 的页面无法渲染为图片（poppler 报错），未能识别。", "查看原因中 poppler 的报错；页面过大时放宽 limits 或拆分文件。");
    public static readonly DiagnosticCode PdfTimeout = new("pdf.timeout", Error, Stage.Ingestion,
        "poppler 未能在限定时间内读完 PDF。", "在 pipeline.json 中放宽超时，或单独导入该文件。");
    public static readonly DiagnosticCode PdfReadByPoppler = new("pdf.read-by-poppler", Warning, Stage.Ingestion,
        "PdfPig 无法读取该 PDF，文字改由 pdftotext 读取（没有表格线）。", "核对表格各列是否对齐。");
    public static readonly DiagnosticCode PdfPageWithoutText = new("pdf.page-without-text", Warning, Stage.Ingestion,
        "其他页面有文字层，此页却没有文字，按空白页处理。", "查看原件此页是否有内容。");

    // ── Ingestion: OCR ──────────────────────────────────────────────────────────────────────────
    public static readonly DiagnosticCode OcrTimeout = new("ocr.timeout", Error, Stage.Ingestion,
        "OCR 在每次尝试中都超时。", "在 pipeline.json 中放宽 OCR 超时后重新导入。");
    public static readonly DiagnosticCode OcrFailed = new("ocr.failed", Error, Stage.Ingestion,
        "OCR 引擎读取页面失败。", "查看日志中的原因；图片损坏时重新扫描。");
    public static readonly DiagnosticCode OcrUnavailable = new("ocr.unavailable", Error, Stage.Ingestion,
        "OCR 在最近多页连续失败后暂停（熔断），该文件未读取。", "稍后重新导入该文件。");
    public static readonly DiagnosticCode OcrRetried = new("ocr.retried", Warning, Stage.Ingestion,
        "页面在第一次识别失败后，以另一种版面分析模式重新识别。", "核对该页的数字。");
    public static readonly DiagnosticCode OcrFigureReread = new("ocr.figure-reread", Warning, Stage.Ingestion,
        "单元格中的数字以“仅数字”模式重新识别，采用了更可信的读数。", "对照扫描件核对该数字。");
    public static readonly DiagnosticCode OcrCellSplit = new("ocr.cell-split-by-header", Warning, Stage.Ingestion,
        "扫描件上一个单元格跨了两个数字列（如分值与得分）：两格之间的表格线没有找到，已按表头的列分开识别。", "核对这两个数字。");
    public static readonly DiagnosticCode OcrRowsSplit = new("ocr.rows-split-by-figures", Warning, Stage.Ingestion,
        "扫描件上一行的数字单元格各有几行数字（如分值 12、6、13 上下排列），或一个数字单元格跨几行、每行各有一个数字：行间的表格线没有找到，已按数字的行分开识别。", "核对这几行的指标名称与数字。");
    public static readonly DiagnosticCode OcrPageUnruled = new("ocr.page-unruled", Warning, Stage.Ingestion,
        "扫描页上没有找到表格线（如灰色表格线在黑白扫描中消失），按文字在页面上的位置读取各行各列。", "核对各数字所在的列与行。");
    public static readonly DiagnosticCode OcrLowConfidence = new("ocr.low-confidence", Warning, Stage.Ingestion,
        "单元格中的数字识别置信度低。", "对照扫描件核对该数字，必要时更正。");
    public static readonly DiagnosticCode OcrFigureImplausible = new("ocr.figure-implausible", Warning, Stage.Normalization,
        "扫描件上读出的指标分值或得分（或总分的得分）超过 100：这样的数不会印在表上，多半是多识别了一位数字（15 读作 155）；数字照读出的保留。", "对照扫描件核对该数字。");
    public static readonly DiagnosticCode OcrChoiceReread = new("ocr.choice-reread", Warning, Stage.Ingestion,
        "“是否为经常性项目”的值（是／否）第一次识别为别的字，单元格只在“是”“否”两字中重新识别后读出。", "对照扫描件核对是或否。");
    public static readonly DiagnosticCode OcrDigitShape = new("ocr.digit-shape", Warning, Stage.Ingestion,
        "单元格中的数字有一位，字形与本页识别可靠的同一数字不符、与另一数字相同（如细笔画的 5 两个模型都读作 3），已按本页的字形改读；原读数作为备选保留。", "对照扫描件核对该数字。");
    public static readonly DiagnosticCode OcrUnitReread = new("ocr.unit-reread", Warning, Stage.Ingestion,
        "“项目资金”的金额单位第一次没有识别出来，单元格的最后一行单独重新识别后读出。", "对照扫描件核对金额单位：元与万元相差一万倍。");

    // ── Tables ──────────────────────────────────────────────────────────────────────────────────
    public static readonly DiagnosticCode FormNoneFound = new("form.none-found", Error, Stage.Tables,
        "文件中没有找到财政项目支出绩效自评表（没有项目资金、绩效指标或总分）。", "确认文件内容是否为自评表。");
    public static readonly DiagnosticCode RowRepeated = new("grid.row-repeated", Warning, Stage.Tables,
        "OCR 把同一行重复识别了一次，重复的一行已删除。", "通常无需处理。");
    public static readonly DiagnosticCode TotalJoined = new("grid.total-joined", Warning, Stage.Tables,
        "“总分”与其数字被分在两行，已合并为一行。", "核对总分。");
    public static readonly DiagnosticCode HeaderJoinedAcrossPages = new("grid.header-joined-across-pages", Warning, Stage.Tables,
        "表头行被分页截成两半（上半在前一页页尾，下半在后一页页首），已按列合并为一行。", "核对各列标题与所读的列。");
    public static readonly DiagnosticCode TotalUnlabelled = new("grid.total-unlabelled", Warning, Stage.Tables,
        "指标之后一行只有两个数字，按总分读取（“总分”二字丢失）。", "核对总分。");
    public static readonly DiagnosticCode TotalUnglued = new("grid.total-unglued", Warning, Stage.Normalization,
        "总分一行只有一个大于 100 的数，是分值合计 100 与得分在文本中粘成的一个数（“10089.54”），按 100 与其后的数读取。", "核对总分。");

    // ── Normalization ───────────────────────────────────────────────────────────────────────────
    // The grid.* codes below are raised while a row is read against the columns its header binds (which only the
    // normalizer holds): a row with no 分值/得分 pair, a cell under no header, a name left of its column, a value whose
    // field already has one. They keep the grid. prefix because a reviewer finds the cause in the grid and filters on
    // the id (the contract names grid.row-lost); repairs that need no header binding are raised in Tables above.
    public static readonly DiagnosticCode RowLost = new("grid.row-lost", Warning, Stage.Normalization,
        "一行绩效指标没有分值和得分，未能读取；总分与分值合计的核对因此不进行。", "对照原件补录该指标。");
    public static readonly DiagnosticCode RowFragment = new("grid.row-fragment", Warning, Stage.Normalization,
        "指标表中有一段文字不成行（没有分值和得分），未读取。", "通常是断行的残片；对照原件确认。");
    public static readonly DiagnosticCode RowShifted = new("grid.row-shifted", Warning, Stage.Normalization,
        "指标名称出现在三级指标列左侧（列错位），已按名称读取。", "核对该行各列。");
    public static readonly DiagnosticCode SurplusCell = new("grid.surplus-cell", Warning, Stage.Normalization,
        "指标行中有一个单元格不在任何表头之下，未读取。", "对照原件确认该单元格的内容是否遗漏。");
    public static readonly DiagnosticCode FigureUnread = new("grid.figure-unread", Warning, Stage.Normalization,
        "分值或得分单元格中的内容不是数字，该数字留空。", "对照原件补录。");
    public static readonly DiagnosticCode FiguresJoined = new("grid.figures-joined", Warning, Stage.Normalization,
        "分值与得分落在同一个单元格里，或一格分值（得分）里上下有两个数字：格子之间的表格线没有识别出来，数字分不开，留空；总分与分值合计的核对因此不进行。", "对照原件补录这一行的分值和得分。");
    public static readonly DiagnosticCode RowsParted = new("grid.rows-parted", Warning, Stage.Normalization,
        "扫描件中两条资金行之间的表格线未识别，两行落在一行里：按各单元格里的文字行拆回两行读取。", "核对这两行的各个金额。");
    public static readonly DiagnosticCode CellSplit = new("grid.cell-split", Warning, Stage.Normalization,
        "OCR 把一个单元格拆成了两个，已拼接。", "核对拼接后的文字。");
    public static readonly DiagnosticCode ReadByPosition = new("table.read-by-position", Warning, Stage.Normalization,
        "输入没有单元格跨度或表头，指标行按分值/得分的位置读取。", "核对指标值与实际完成值是否对应。");
    public static readonly DiagnosticCode HeaderInferred = new("header.inferred", Warning, Stage.Normalization,
        "某个表头单元格未能识别，按模板在该位置的列读取。", "核对该列的数字。");
    public static readonly DiagnosticCode MeasuresByValues = new("header.measures-by-values", Warning, Stage.Normalization,
        "表头只写出了年度指标值与实际完成值中的一个（另一个折行写在别处），或扫描件的指标表头未能识别，两者的先后按各行的取值判定：比较符（>=、<=、> 等）只见于年度指标值。", "核对各行的年度指标值与实际完成值是否对调。");
    public static readonly DiagnosticCode HeaderLabelLost = new("header.label-lost", Warning, Stage.Normalization,
        "主管部门一行中空格之后的内容按实施单位读取（“实施单位”标签丢失）。", "核对实施单位。");
    public static readonly DiagnosticCode FundingByOrder = new("funding.by-order", Warning, Stage.Normalization,
        "资金行的数字与表头的列对不上，按数字的类型与顺序读取。", "核对该资金行各数。");
    public static readonly DiagnosticCode TextRepaired = new("text.repaired", Warning, Stage.Normalization,
        "OCR 对表格固定用语、常用指标值、市区名称的误识，或指标名称中零散的标点，已按模板词汇更正（原文保留在溯源中）。", "通常无需处理。");
    public static readonly DiagnosticCode NoiseDropped = new("text.noise-dropped", Warning, Stage.Normalization,
        "扫描件上偏差原因（备注）一格中识别出的不是文字（没有两个相连的汉字，如“人”“ET”“一一-一一”：斑点、印章或背面透过的印迹），留空（原文保留在溯源中）。", "对照扫描件确认该格是否为空。");
    public static readonly DiagnosticCode LevelRepaired = new("text.level-repaired", Warning, Stage.Normalization,
        "一级或二级指标名称有误识或 OCR 漏读的字，已按模板的指标体系更正。", "通常无需处理。");
    public static readonly DiagnosticCode SectionWeightBySum = new("grid.section-weight-by-sum", Warning, Stage.Normalization,
        "扫描件中一级指标括号里的分值识别有误；其中的数字与该一级指标下各指标权重之和相符，按此读取。", "对照扫描件核对该分值。");
    public static readonly DiagnosticCode LevelAssumed = new("text.level-assumed", Warning, Stage.Normalization,
        "二级指标没有可读的名称：第一行指标按模板的第一个二级指标处理；扫描件中一个自成一格却识别不出的二级指标，按其下各行的名称与指标值及模板次序推定。", "核对一、二级指标。");
    public static readonly DiagnosticCode AssignedByArithmetic = new("layout.assigned-by-arithmetic", Warning, Stage.Normalization,
        "资金行只印出两个金额，按表内关系（执行率 = 全年执行数 ÷ 全年预算数）判定了它们各属哪一列，而不是按顺序。", "对照原件核对该资金行的三个金额。");
    public static readonly DiagnosticCode AmountColumnUnknown = new("funding.amount-column-unknown", Warning, Stage.Normalization,
        "资金行印出的金额少于它的列，文字又没有列位置可依，无法确定某个金额属于哪一列（年初预算数、全年预算数还是全年执行数），该金额未读取。", "对照原件补录该资金行的金额。");
    public static readonly DiagnosticCode ValueAwayFromLabel = new("layout.value-away-from-label", Warning, Stage.Normalization,
        "文字导出把某个标签的取值写在了表格之后（标签旁为空），该值是按模板从表格之后唯一未被认领的文字中取得的。", "对照原件核对该项。");
    public static readonly DiagnosticCode CellsUndivided = new("layout.cells-undivided", Warning, Stage.Normalization,
        "文字导出中一行指标的名称、年度指标值与实际完成值折行，能以两种同样合理的方式拆开，无从判定：整体读作名称，指标值与完成值留空。", "对照原件拆分名称、年度指标值与实际完成值。");
    public static readonly DiagnosticCode CriteriaCellsUndivided = new("layout.criteria-cells-undivided", Warning, Stage.Tables,
        "文字导出逐个单元格写出表格、没有列位置：一行指标的指标名称与指标解释按各列折行的宽度分开，这一行的折行分不出唯一的边界，两者留空（权重、评分规则与自评得分照常读取）。", "对照原件补录这一行的指标名称与指标解释。");
    public static readonly DiagnosticCode OrderFree = new("layout.order-free", Warning, Stage.Normalization,
        "文字导出的顺序不是表格的顺序（标签、数字与名称交错、按列书写或分块打乱），按模板的标签、数字的类型与表内的勾稽关系读取，而不是按位置。", "逐项对照原件核对，尤其是指标名称与各行数值的对应。");
    public static readonly DiagnosticCode OrderFreeUnplaced = new("layout.order-free-unplaced", Warning, Stage.Normalization,
        "顺序错乱的文字中有数字或文字无法由标签、类型或勾稽关系确定其栏目，未读取（警告中列出了它们）。", "对照原件补录这些项。");
    public static readonly DiagnosticCode TotalMaybeWrapped = new("form.total-maybe-wrapped", Warning, Stage.Normalization,
        "文字导出中总分的下一行只有一两位数字：可能是得分在窄格里折行（如“95.88”与“9”），也可能是页码；得分按总分所在行读取。", "对照原件核对总分的得分。");
    public static readonly DiagnosticCode TrailingRow = new("form.trailing-row", Warning, Stage.Normalization,
        "总分之后的一行未读取。", "对照原件确认其内容。");
    public static readonly DiagnosticCode Flattened = new("form.flattened", Warning, Stage.Normalization,
        "OCR 把整张表压成了一段文字，按标签顺序读取。", "逐项对照原件核对。");
    public static readonly DiagnosticCode FlattenedIndicators = new("form.flattened-indicators", Warning, Stage.Normalization,
        "指标行从压平的文字中按顺序恢复，名称与数值可能错配；总分与分值合计的核对因此不进行。", "逐行对照原件核对指标。");
    public static readonly DiagnosticCode GoalsInterleaved = new("goals.interleaved", Warning, Stage.Normalization,
        "压平的文字中两栏年度目标交错在一起，目标未读取。", "对照原件补录年度目标。");

    // ── Checking ────────────────────────────────────────────────────────────────────────────────
    public static readonly DiagnosticCode AlternativeChosen = new("ocr.alternative-chosen", Warning, Stage.Checking,
        "识别不确定的数字改用 OCR 引擎给出的另一读数，因为只有它使表内的勾稽关系成立。", "对照扫描件确认该数字。");
    public static readonly DiagnosticCode AlternativesAmbiguous = new("ocr.alternatives-ambiguous", Warning, Stage.Checking,
        "识别不确定的数字有多个读数都能使表内关系成立，均未采用。", "对照扫描件确认该数字。");

    // ── Pipeline ────────────────────────────────────────────────────────────────────────────────
    public static readonly DiagnosticCode YearInferred = new("form.year-inferred", Warning, Stage.Pipeline,
        "表中没有年度，取同一文件中其他各表共同的年度。", "核对年度。");
    public static readonly DiagnosticCode StageFailed = new("pipeline.stage-failed", Error, Stage.Pipeline,
        "处理该文件时某一阶段出错（程序缺陷或未预见的输入），该文件记为失败，其余文件照常处理。", "将文件与日志报告给维护者。");

    /// <summary>Codes that mean indicator rows are missing: sums over the rows would report the reading's loss, not the form's.</summary>
    public static readonly ImmutableArray<DiagnosticCode> IndicatorsIncomplete = [RowLost, FlattenedIndicators, FiguresJoined];

    /// <summary>The whole catalogue, in declaration order.</summary>
    public static ImmutableArray<DiagnosticCode> All { get; } =
        [.. typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticCode)).Select(f => (DiagnosticCode)f.GetValue(null)!)];

    private static readonly Dictionary<string, DiagnosticCode> ById = All.ToDictionary(c => c.Id, StringComparer.Ordinal);

    /// <summary>The catalogue entry for an id read back from JSON or a store, or null for one this version does not know.</summary>
    public static DiagnosticCode? Find(string id) => ById.GetValueOrDefault(id);
}
