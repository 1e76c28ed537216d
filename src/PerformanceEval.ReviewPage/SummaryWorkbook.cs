using System.Globalization;
using MiniExcelLibs;
using PerformanceEval.Storage;

namespace PerformanceEval.ReviewPage;

/// <summary>
/// The store's summary by department and year as an auditor files it: an Excel workbook (sheets 汇总 and 按规则) or
/// CSV (汇总 only), Chinese headers, rules and severities by their Chinese names, a 合计 row. Written by MiniExcel,
/// which streams rows into the .xlsx without a spreadsheet object model.
/// </summary>
public static class SummaryWorkbook
{
    private const string Unread = "（未识别）";

    public static void WriteXlsx(StoreSummary summary, Stream output)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var sheets = new Dictionary<string, object>
        {
            ["汇总"] = Totals(summary),
            ["按规则"] = ByRule(summary),
        };
        output.SaveAs(sheets, excelType: ExcelType.XLSX);
    }

    public static void WriteCsv(StoreSummary summary, Stream output)
    {
        ArgumentNullException.ThrowIfNull(summary);
        // Excel opens a CSV as the machine's code page unless it starts with a BOM.
        output.Write("\uFEFF"u8);
        output.SaveAs(Totals(summary), excelType: ExcelType.CSV);
    }

    /// <summary>One row per department and year, then 合计.</summary>
    public static List<Dictionary<string, object?>> Totals(StoreSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rows = summary.ByDepartmentYear.Select(s => Row(s.Department ?? Unread, Year(s.Year), s)).ToList();
        var all = summary.ByDepartmentYear;
        rows.Add(Row("合计", "", new DepartmentYearSummary(null, null, all.Sum(s => s.Forms), all.Sum(s => s.FormsWithFindings),
            all.Sum(s => s.Errors), all.Sum(s => s.Warnings), all.Sum(s => s.Infos), all.Sum(s => s.AmountAtStake),
            all.Sum(s => s.Pending), all.Sum(s => s.Confirmed), all.Sum(s => s.Dismissed), all.Sum(s => s.Resolved))));
        return rows;
    }

    private static Dictionary<string, object?> Row(string department, string year, DepartmentYearSummary s) => new()
    {
        ["主管部门"] = department,
        ["年度"] = year,
        ["自评表数"] = s.Forms,
        ["有问题的表"] = s.FormsWithFindings,
        ["错误"] = s.Errors,
        ["警告"] = s.Warnings,
        ["提示"] = s.Infos,
        ["涉及金额（元）"] = Math.Round(s.AmountAtStake, 2),
        ["待审核"] = s.Pending,
        ["已确认"] = s.Confirmed,
        ["已驳回"] = s.Dismissed,
        ["已更正消除"] = s.Resolved,
    };

    private static List<Dictionary<string, object?>> ByRule(StoreSummary summary) =>
    [
        .. summary.ByRule.Select(r => new Dictionary<string, object?>
        {
            ["主管部门"] = r.Department ?? Unread,
            ["年度"] = Year(r.Year),
            ["规则"] = Labels.Rule(r.Rule),
            ["规则代码"] = r.Rule,
            ["严重程度"] = Labels.Severity(r.Severity),
            ["问题数"] = r.Findings,
            ["待审核"] = r.Pending,
            ["涉及金额（元）"] = Math.Round(r.AmountAtStake, 2),
        }),
    ];

    private static string Year(int? year) => year?.ToString(CultureInfo.InvariantCulture) ?? Unread;
}
