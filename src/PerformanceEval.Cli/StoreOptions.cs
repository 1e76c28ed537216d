using System.CommandLine;

namespace PerformanceEval.Cli;

internal static class StoreOptions
{
    public static readonly Option<string> Db = new("--db")
    {
        Description = "The store: a SQLite file (default perfeval.db) or a PostgreSQL connection string (\"Host=…;Database=…;Username=…\" or postgres://…).",
        DefaultValueFactory = _ => "perfeval.db",
    };
}
