using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace PerformanceEval.Tests.Contract;

/// <summary>
/// The contract's JSON Schema (draft 2020-12) applied with JsonSchema.Net: each error as "pointer: message", so a
/// failing test names the member that broke the contract.
/// </summary>
internal sealed class SchemaValidator(string schemaText)
{
    private readonly JsonSchema _schema = JsonSchema.FromText(schemaText);

    /// <summary>The contract's schema, built once: JsonSchema.Net registers a schema by its $id, once per process.</summary>
    public static SchemaValidator Contract { get; } = new(File.ReadAllText(Path.Combine(Fixtures.Dir, "contract", "form.schema.json")));

    public List<string> Validate(JsonNode? instance)
    {
        using var document = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        var results = _schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        return [.. Flatten(results).Where(r => r.Errors is { Count: > 0 })
            .SelectMany(r => r.Errors!.Select(e => $"{r.InstanceLocation}: {e.Key}: {e.Value}")).Distinct()];
    }

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults r) =>
        r.Details is null ? [r] : r.Details.SelectMany(Flatten).Prepend(r);
}
