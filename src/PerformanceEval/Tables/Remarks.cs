using System.Text.RegularExpressions;

namespace PerformanceEval.Tables;

/// <summary>
/// The form's remarks (备注, 偏差原因分析) against its names (指标名称), and what a name reads like: a name says what is
/// measured ("验收合格率"), a remark says what did or did not happen to it ("部分目标未完全实现", "尚未验收", "项目正在开展中").
/// Where a dump runs a narrow remark into the name beside it and the columns' widths cannot tell the two apart, or cuts a
/// name through, the words can.
/// </summary>
public static partial class Remarks
{
    /// <summary>
    /// Whether the text says that something was not, or not yet, done: 未 (but not 未成年), 正在 or 没有, and the verb
    /// after it ("未完全实现", "尚未验收"; a line cut short at "未完" says nothing yet). A name counting failures
    /// ("未达标天数") reads so too; callers take it as one cue among the widths, never alone.
    /// </summary>
    public static bool SaysWhatHappened(string text) => Remark().IsMatch(text);

    /// <summary>
    /// Whether a 指标名称 read so would have been cut through: a name is a phrase of its own, and does not open on a
    /// suffix or a particle ("性完成及时性", "的规范性…") nor close on a particle ("项目设立的").
    /// </summary>
    public static bool CutThrough(string name) => OpensOnSuffix(name) || name.Length > 0 && "的和与及之".Contains(name[^1]);

    /// <summary>Whether a cell's text opens on a suffix or a particle ("性", "率", "度", "的"…): no cell does but one cut
    /// through.</summary>
    public static bool OpensOnSuffix(string text) => text.Length > 0 && "性率度的和与之".Contains(text[0]);

    [GeneratedRegex(@"(?:未(?!成年)|正在|没有)\p{IsCJKUnifiedIdeographs}{2}")]
    private static partial Regex Remark();
}
