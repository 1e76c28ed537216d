using PerformanceEval.Contract;
using PerformanceEval.Ingestion;

namespace PerformanceEval.Normalization;

public sealed partial class StandardFormNormalizer
{
    private static void ReadFundingLine(FormBuilder b, RawRow row, int ri, int labelIndex, string kind,
        ColumnMap? columns)
    {
        var after = row.Cells.Skip(labelIndex + 1).ToList();
        var trust = row.Origin is RowOrigin.Markdown or RowOrigin.Tsv or RowOrigin.Html or RowOrigin.RuledGrid or RowOrigin.LayoutGrid;
        var line = FundingReader.Read(b, kind, after, ri, columns, trust);
        Assign(b, kind, line);
    }

    /// <summary>Sets a funding line unless an earlier row already gave it figures (an OCR repeat).</summary>
    internal static void Assign(FormBuilder b, string kind, FundingLine line)
    {
        switch (kind)
        {
            case "FundingTotal" when b.Total is null || b.Total.IsEmpty: b.Total = line; break;
            case "FundingFiscal" when b.Fiscal is null || b.Fiscal.IsEmpty: b.Fiscal = line; break;
            case "FundingCarryover" when b.Carryover is null || b.Carryover.IsEmpty: b.Carryover = line; break;
            case "FundingOther" when b.Other is null || b.Other.IsEmpty: b.Other = line; break;
        }
    }
}
