using PerformanceEval.Tables;
using Xunit;

namespace PerformanceEval.Tests.Tables;

public sealed class RemarksTests
{
    [Theory]
    [InlineData("部分目标未完全实现", true)]
    [InlineData("尚未验收", true)]
    [InlineData("项目正在开展中", true)]
    [InlineData("没有按期完成", true)]
    // A remark cut short by its column says nothing yet: the line after it may be the remark's or the next name's.
    [InlineData("部分目标未完", false)]
    [InlineData("未成年人保护覆盖率", false)]
    [InlineData("验收合格率", false)]
    [InlineData("项目完成及时性", false)]
    public void A_remark_says_what_was_not_done_and_a_name_what_is_measured(string text, bool remark) =>
        Assert.Equal(remark, Remarks.SaysWhatHappened(text));

    [Theory]
    [InlineData("性验收合格率", true)]
    [InlineData("的规范性系统故障维修及时", true)]
    [InlineData("项目设立的", true)]
    [InlineData("度健全性和执行的有效性", true)]
    [InlineData("立项依据充分性", false)]
    [InlineData("及时完成率", false)]
    [InlineData("资金使用的合规性", false)]
    public void A_name_opening_on_a_suffix_or_closing_on_a_particle_was_cut_through(string name, bool cut) =>
        Assert.Equal(cut, Remarks.CutThrough(name));
}
