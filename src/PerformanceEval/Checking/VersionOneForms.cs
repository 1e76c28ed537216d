using System.Text.Json;
using System.Text.Json.Nodes;
using PerformanceEval.Contract;

namespace PerformanceEval.Checking;

/// <summary>
/// Brings a form written in contract version 1 (warnings as strings, findings without <c>difference</c> and
/// <c>amount</c>) to version 2, so that stores and files made before the change export and re-check in the current
/// contract. Every other member is left as it was read, number literals included.
/// </summary>
public static class VersionOneForms
{
    /// <summary>True when the JSON text is already written in the current version (the writer puts the version first).</summary>
    public static bool IsCurrent(string json) =>
        json.StartsWith($"{{\"schemaVersion\":\"{CleanedForm.CurrentVersion}\"", StringComparison.Ordinal);

    /// <summary>The form in the current version: the same object when it already is.</summary>
    public static JsonObject Upgrade(JsonObject node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node["schemaVersion"] is JsonValue v && v.TryGetValue<string>(out var version) && version == CleanedForm.CurrentVersion) return node;
        var form = node.Deserialize<CleanedForm>(ContractJson.Options) ?? throw new JsonException("null form");
        node["schemaVersion"] = CleanedForm.CurrentVersion;
        node["warnings"] = JsonSerializer.SerializeToNode(form.Warnings, ContractJson.Options);
        if (node["findings"] is JsonArray { Count: > 0 })
            node["findings"] = JsonSerializer.SerializeToNode(form.Findings.Select(f => f.Priced(form)), ContractJson.Options);
        return node;
    }

    /// <summary>One JSON Lines form in the current version.</summary>
    public static string Upgrade(string json) =>
        IsCurrent(json) ? json : Upgrade(JsonNode.Parse(json)!.AsObject()).ToJsonString(ContractJson.Options);
}
