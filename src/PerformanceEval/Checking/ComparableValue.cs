using System.Text;
using System.Text.RegularExpressions;

namespace PerformanceEval.Checking;

/// <summary>How a target bounds its figure.</summary>
public enum Comparator { None, Equal, Greater, GreaterOrEqual, Less, LessOrEqual }

/// <summary>
/// A target or actual cell that is only an optional comparator, a number and an optional unit: "=100%", "100",
/// "≥95%", "&lt;=1起", "=55人". "及时", "提升", "用户满意度100%" are not comparable and never fire target rules.
/// </summary>
public sealed partial record ComparableValue(Comparator Comparator, decimal Value, string Unit)
{
    public static ComparableValue? Parse(string? text, IReadOnlyCollection<string> units)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = Templates.TextCleaner.Nfkc(text).Replace(" ", "").Replace("≥", ">=").Replace("≤", "<=");
        var m = Shape().Match(s);
        if (!m.Success) return null;
        var unit = m.Groups[3].Value;
        if (unit.Length > 0 && !units.Contains(unit)) return null;
        if (!decimal.TryParse(m.Groups[2].Value, System.Globalization.NumberStyles.AllowDecimalPoint,
                System.Globalization.CultureInfo.InvariantCulture, out var value)) return null;
        var comparator = m.Groups[1].Value switch
        {
            "" => Comparator.None,
            "=" or "==" => Comparator.Equal,
            ">" => Comparator.Greater,
            ">=" or "=>" => Comparator.GreaterOrEqual,
            "<" => Comparator.Less,
            _ => Comparator.LessOrEqual,
        };
        return new ComparableValue(comparator, value, unit);
    }

    /// <summary>Two units compare when they are equal or one side has none (">90%" against "100").</summary>
    public bool UnitsCompare(ComparableValue other) => Unit.Length == 0 || other.Unit.Length == 0 || Unit == other.Unit;

    [GeneratedRegex(@"^(>=|<=|=>|=<|==|>|<|=)?(\d+(?:\.\d+)?)(\D{0,3})$")]
    private static partial Regex Shape();
}
