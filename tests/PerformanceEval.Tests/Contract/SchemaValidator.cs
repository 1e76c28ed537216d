using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PerformanceEval.Tests.Contract;

/// <summary>
/// Validates JSON against the keywords form.schema.json uses (type, enum, const, required, properties,
/// additionalProperties, items, $ref to $defs, pattern, minimum, minItems, maxItems). JsonSchema.Net and NJsonSchema
/// cannot be restored from this project's NuGet mirror (their dependencies are missing), so the tests carry this
/// much; a keyword it does not know fails loudly rather than passing in silence.
/// </summary>
internal sealed class SchemaValidator(JsonObject root)
{
    private static readonly HashSet<string> Known =
        ["$schema", "$id", "title", "description", "type", "enum", "const", "required", "properties", "additionalProperties",
         "items", "$ref", "pattern", "minimum", "minItems", "maxItems", "$defs"];

    public List<string> Validate(JsonNode? instance) => Validate(root, instance, "$");

    private List<string> Validate(JsonObject schema, JsonNode? value, string at)
    {
        var errors = new List<string>();
        foreach (var key in schema.Select(p => p.Key).Where(k => !Known.Contains(k)))
            throw new NotSupportedException($"schema keyword {key} is not supported by the test validator");
        if (schema["$ref"] is { } reference)
        {
            var name = reference.GetValue<string>().Replace("#/$defs/", "");
            return Validate(root["$defs"]![name]!.AsObject(), value, at);
        }
        if (schema["type"] is { } type)
        {
            var types = type is JsonArray a ? a.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            if (!types.Any(t => Is(value, t))) return [$"{at}: {Kind(value)} is not {string.Join("|", types)}"];
        }
        if (schema["const"] is { } c && !JsonNode.DeepEquals(c, value)) errors.Add($"{at}: is not {c.ToJsonString()}");
        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
            errors.Add($"{at}: {value?.ToJsonString() ?? "null"} is not one of {options.ToJsonString()}");
        if (value is JsonValue v && v.TryGetValue<string>(out var s) && schema["pattern"] is { } pattern && !Regex.IsMatch(s, pattern.GetValue<string>()))
            errors.Add($"{at}: \"{s}\" does not match {pattern}");
        if (value is JsonValue n && n.TryGetValue<decimal>(out var d) && schema["minimum"] is { } min && d < min.GetValue<decimal>())
            errors.Add($"{at}: {d} < {min}");
        if (value is JsonObject obj)
        {
            foreach (var required in schema["required"]?.AsArray() ?? [])
                if (!obj.ContainsKey(required!.GetValue<string>())) errors.Add($"{at}: required {required} missing");
            var properties = schema["properties"]?.AsObject();
            foreach (var (key, child) in obj)
            {
                if (properties?[key] is JsonObject p) errors.AddRange(Validate(p, child, $"{at}.{key}"));
                else if (schema["additionalProperties"] is JsonObject extra) errors.AddRange(Validate(extra, child, $"{at}.{key}"));
            }
        }
        if (value is JsonArray array)
        {
            if (schema["minItems"] is { } lo && array.Count < lo.GetValue<int>()) errors.Add($"{at}: fewer than {lo} items");
            if (schema["maxItems"] is { } hi && array.Count > hi.GetValue<int>()) errors.Add($"{at}: more than {hi} items");
            if (schema["items"] is JsonObject items)
                for (var i = 0; i < array.Count; i++) errors.AddRange(Validate(items, array[i], $"{at}[{i}]"));
        }
        return errors;
    }

    private static bool Is(JsonNode? value, string type) => type switch
    {
        "null" => value is null,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.TryGetValue<string>(out _),
        "boolean" => value is JsonValue b && b.TryGetValue<bool>(out _),
        "number" => value is JsonValue n && n.GetValueKind() == System.Text.Json.JsonValueKind.Number,
        "integer" => value is JsonValue i && i.GetValueKind() == System.Text.Json.JsonValueKind.Number && i.TryGetValue<decimal>(out var d) && d == decimal.Truncate(d),
        _ => throw new NotSupportedException($"type {type}"),
    };

    private static string Kind(JsonNode? value) => value?.GetValueKind().ToString() ?? "null";
}
