using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PerformanceEval.Contract;

/// <summary>
/// One entry of a form's <c>warnings</c> (contract version 2): what extraction itself was unsure of, by a stable
/// code of the diagnostics catalogue, so that an auditor's tool filters by code rather than by wording.
/// </summary>
[JsonConverter(typeof(WarningJsonConverter))]
public sealed record Warning
{
    /// <summary>The catalogue's id: <c>grid.row-lost</c>.</summary>
    public required string Code { get; init; }
    /// <summary>error, warning or info.</summary>
    public required string Severity { get; init; }
    /// <summary>One sentence, Chinese.</summary>
    public required string Message { get; init; }
    /// <summary>The path of the one field concerned, or null.</summary>
    public string? Field { get; init; }
    public WarningSource? Source { get; init; }
}

/// <summary>Where a warning points: as in a field's provenance, without the text.</summary>
public sealed record WarningSource
{
    public int? Page { get; init; }
    public int? Line { get; init; }
    public int? Row { get; init; }
    public int? Col { get; init; }
    /// <summary>[x0, y0, x1, y1] in page pixels (scans) or PDF points (text-layer PDFs).</summary>
    public ImmutableArray<double>? Box { get; init; }
}

/// <summary>
/// Reads a warning of either version — version 1 wrote <c>"grid.row-lost: … (file p1 r3 c0)"</c> — and writes
/// version 2's object. A version-1 string keeps its code and message and recovers page, line, row and column
/// from the location in parentheses.
/// </summary>
internal sealed partial class WarningJsonConverter : JsonConverter<Warning>
{
    public override Warning Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return FromVersion1(reader.GetString()!);
        using var document = JsonDocument.ParseValue(ref reader);
        var o = document.RootElement;
        if (o.ValueKind != JsonValueKind.Object) throw new JsonException("a warning is a string (version 1) or an object");
        WarningSource? source = null;
        if (o.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.Object)
            source = new WarningSource
            {
                Page = Int(s, "page"), Line = Int(s, "line"), Row = Int(s, "row"), Col = Int(s, "col"),
                Box = s.TryGetProperty("box", out var b) && b.ValueKind == JsonValueKind.Array ? [.. b.EnumerateArray().Select(x => x.GetDouble())] : null,
            };
        return new Warning
        {
            Code = Text(o, "code") ?? throw new JsonException("a warning without its code"),
            Severity = Text(o, "severity") ?? "warning",
            Message = Text(o, "message") ?? "",
            Field = Text(o, "field"),
            Source = source,
        };
    }

    public override void Write(Utf8JsonWriter writer, Warning value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("code", value.Code);
        writer.WriteString("severity", value.Severity);
        writer.WriteString("message", value.Message);
        if (value.Field is null) writer.WriteNull("field"); else writer.WriteString("field", value.Field);
        if (value.Source is not { } s) writer.WriteNull("source");
        else
        {
            writer.WritePropertyName("source");
            JsonSerializer.Serialize(writer, s, options);
        }
        writer.WriteEndObject();
    }

    /// <summary>A version-1 warning string as an object; a string without a code keeps its text under <c>legacy.text</c>.</summary>
    internal static Warning FromVersion1(string text)
    {
        var m = Version1().Match(text);
        if (!m.Success) return new Warning { Code = "legacy.text", Severity = "warning", Message = text };
        var message = m.Groups["message"].Value;
        WarningSource? source = null;
        if (m.Groups["where"].Success && Location().Match(m.Groups["where"].Value) is { Success: true } where)
            source = new WarningSource
            {
                Page = Number(where.Groups["page"]), Line = Number(where.Groups["line"]),
                Row = Number(where.Groups["row"]), Col = Number(where.Groups["col"]),
            };
        else if (m.Groups["where"].Success)
            message += $" ({m.Groups["where"].Value})";
        return new Warning { Code = m.Groups["code"].Value, Severity = "warning", Message = message, Source = source };
    }

    private static int? Number(Group g) => g.Success ? int.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static int? Int(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [GeneratedRegex(@"^(?<code>[a-z]+(?:\.[a-z0-9-]+)+): (?<message>.*?)(?: \((?<where>[^()]*)\))?$", RegexOptions.Singleline)]
    private static partial Regex Version1();

    /// <summary>SourceRef.Describe's shape: "file.txt p2:78 r12 c4", each part optional.</summary>
    [GeneratedRegex(@"^\S+?(?: p(?<page>\d+))?(?::(?<line>\d+))?(?: r(?<row>\d+))?(?: c(?<col>\d+))?$")]
    private static partial Regex Location();
}
