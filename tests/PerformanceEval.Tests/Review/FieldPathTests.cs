using Xunit;
using System.Text.Json.Nodes;
using PerformanceEval.Contract;
using PerformanceEval.Review;

namespace PerformanceEval.Tests.Review;

public sealed class FieldPathTests
{
    private static JsonObject Form() => JsonNode.Parse("""{"totalScore": 99.92, "funding": {"total": {"executed": 1414200}, "fiscal": null}, "indicators": [{"score": 10}]}""")!.AsObject();

    [Theory]
    [InlineData("totalScore", "99.92")]
    [InlineData("funding.total.executed", "1414200")]
    [InlineData("indicators[0].score", "10")]
    public void A_contract_path_finds_its_field(string path, string value)
    {
        Assert.True(FieldPath.TryParse(path, out var p));
        Assert.Equal(value, p.Find(Form())!.ToJsonString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("indicators[0]")]
    [InlineData("indicators[-1].score")]
    [InlineData("a..b")]
    [InlineData("../etc/passwd")]
    [InlineData("totalScore']")]
    public void Anything_else_is_not_a_path(string text) => Assert.False(FieldPath.TryParse(text, out _));

    [Theory]
    [InlineData("funding.fiscal.executed")]
    [InlineData("indicators[3].score")]
    [InlineData("funding.total.nothing")]
    public void Setting_a_field_the_form_does_not_have_invents_nothing(string path)
    {
        var form = Form();
        var before = form.ToJsonString();
        Assert.True(FieldPath.TryParse(path, out var p));
        Assert.False(p.TrySet(form, JsonValue.Create(1)));
        Assert.Equal(before, form.ToJsonString());
    }
}
