using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerformanceEval.Contract;

/// <summary>The one JSON setting the export, <c>check</c> and the tests share.</summary>
public static class ContractJson
{
    /// <summary>camelCase names, nulls written (the schema requires them), Chinese left readable.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>One form as one JSON Lines line (no trailing newline).</summary>
    public static string Serialize(CleanedForm form) => JsonSerializer.Serialize(form, GeneratedForm);

    /// <summary>
    /// The same settings, with the metadata the source generator wrote for the contract's types; a value whose type
    /// it does not know (a finding's stated figure read back from JSON is a <see cref="JsonElement"/>) falls back to
    /// reflection.
    /// </summary>
    private static readonly JsonSerializerOptions Generated = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            ContractJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    };

    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<CleanedForm> GeneratedForm =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<CleanedForm>)Generated.GetTypeInfo(typeof(CleanedForm));

    /// <summary>Reads one form back.</summary>
    public static CleanedForm Deserialize(string json) =>
        JsonSerializer.Deserialize<CleanedForm>(json, Options) ?? throw new JsonException("null form");
}

/// <summary>
/// The contract's types described at build time (System.Text.Json's source generator), with <see cref="ContractJson.Options"/>'
/// settings: a form is written without reflection over its members on every call.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(CleanedForm))]
[JsonSerializable(typeof(WarningSource))]
internal sealed partial class ContractJsonContext : JsonSerializerContext;
