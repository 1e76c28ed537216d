using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

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
    public int Columns => Rows.IsDefaultOrEmpty ? 0 : Rows.Max(r => r.Cells.IsDefaultOrEmpty ? 0 : r.Cells.Max(c => c.Col + c.ColSpan));

    public string ToJson() => JsonSerializer.Serialize(this, ReadTableJsonContext.Default.ReadTable);

    /// <summary>Reads a stored table back; null for null (a form stored before tables were kept).</summary>
    public static ReadTable? FromJson(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, ReadTableJsonContext.Default.ReadTable);
}

/// <summary>One row of a <see cref="ReadTable"/>: the page and source line it came from, and its cells.</summary>
public sealed record ReadRow(int? Page, int? Line, ImmutableArray<ReadCell> Cells);

/// <summary>
/// One cell: the logical column it starts at and the columns and rows it covers (a merged 一级指标 spans its rows once,
/// never repeated in the rows it covers), its text as read, its box and OCR confidence where the input has them, and
/// the form's fields read from it (contract paths: <c>funding.total.executed</c>); none for a cell the normalizer
/// read nothing from.
/// </summary>
public sealed record ReadCell(int Col, int ColSpan, int RowSpan, string Text, ImmutableArray<double>? Box = null, double? Confidence = null,
    ImmutableArray<string>? Fields = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(ReadTable))]
internal sealed partial class ReadTableJsonContext : JsonSerializerContext;
