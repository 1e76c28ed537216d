using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PerformanceEval.Contract;

/// <summary>
/// The table a form was read from, as the normalizer received it: its rows after Tables' repairs, each cell where the
/// logical table put it (column, spans) with where it stood in the source. Not part of the exported contract — the
/// store keeps it beside the form, and the review page draws it, so what an auditor sees is what the normalizer read
/// (and what it read nothing from).
/// </summary>
/// <param name="Rows">The form's rows in order; a row's index is what the form's provenance calls its <c>row</c>.</param>
public sealed record ReadTable(ImmutableArray<ReadRow> Rows)
{
    /// <summary>The columns the widest row reaches.</summary>
    [JsonIgnore]
    public int Columns => Rows.IsDefaultOrEmpty ? 0 : Rows.Max(r => r.Cells.IsDefaultOrEmpty ? 0 : r.Cells.Max(c => c.Col + c.Cols));

    /// <summary>The table as the store keeps it: compact JSON, Chinese written as itself (escaped, it would take twice the bytes).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored table back; null for null (a form stored before tables were kept).</summary>
    public static ReadTable? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize(json, Json);

    // The options' own settings govern, not the context's: both say the same.
    private static readonly JsonTypeInfo<ReadTable> Json = (JsonTypeInfo<ReadTable>)new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = ReadTableJsonContext.Default,
    }.GetTypeInfo(typeof(ReadTable));
}

/// <summary>One row of a <see cref="ReadTable"/>: the page and source line it came from, and its cells.</summary>
public sealed record ReadRow(int? Page, int? Line, ImmutableArray<ReadCell> Cells);

/// <summary>
/// One cell: the logical column it starts at and the columns and rows it covers (a merged 一级指标 spans its rows once,
/// never repeated in the rows it covers), its text as read, its box and OCR confidence where the input has them, and
/// the form's fields read from it (contract paths: <c>funding.total.executed</c>); none for a cell the normalizer
/// read nothing from.
/// </summary>
/// <param name="Col">The logical column the cell starts at.</param>
/// <param name="Text">The cell's text as read (before cleaning).</param>
/// <param name="ColSpan">Columns covered: null for one (most cells; not written).</param>
/// <param name="RowSpan">Rows covered: null for one.</param>
/// <param name="Box">Its box on the page (PDF points or scan pixels), where the input has one.</param>
/// <param name="Confidence">The OCR engine's confidence in its text, for a scan.</param>
/// <param name="Fields">The form's fields read from it; null for none.</param>
/// <param name="Label">True for the form's own wording (项目名称, 年初预算数, 产出指标 …), which no field is read from;
/// null otherwise.</param>
public sealed record ReadCell(int Col, string Text, int? ColSpan = null, int? RowSpan = null, ImmutableArray<double>? Box = null,
    double? Confidence = null, ImmutableArray<string>? Fields = null, bool? Label = null)
{
    /// <summary>The columns the cell covers.</summary>
    [JsonIgnore]
    public int Cols => ColSpan ?? 1;

    /// <summary>The rows the cell covers.</summary>
    [JsonIgnore]
    public int Rows => RowSpan ?? 1;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(ReadTable))]
internal sealed partial class ReadTableJsonContext : JsonSerializerContext;
