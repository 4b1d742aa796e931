using System.Text.Json;
using CyberPledge.Testing;
using Json.Schema;

namespace CyberPledge.Stix.Tests.Support;

/// <summary>
/// The OASIS STIX 2.1 JSON schemas in ../shared/stix (its README says how to load them): every file registered, an
/// object evaluated against the schema named after its type, formats required.
/// </summary>
internal static class StixSchemas
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> ByType = new(Load);

    public static string Root => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "stix", "stix2-json-schemas"));

    /// <summary>The failing locations and messages of <paramref name="stixObject"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(JsonElement stixObject)
    {
        var type = stixObject.GetProperty("type").GetString()!;
        if (!ByType.Value.TryGetValue(type, out var schema))
        {
            return [$"no schema for type {type}"];
        }

        var results = schema.Evaluate(stixObject, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}"))];
    }

    public static IReadOnlyList<string> Errors(StixObject stixObject) => Errors(stixObject.ToElement());

    private static Dictionary<string, JsonSchema> Load()
    {
        var registry = new SchemaRegistry();
        var options = new BuildOptions { SchemaRegistry = registry };
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "schemas"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var schema = JsonSchema.FromFile(file, options);
            registry.Register(schema);
            schemas[Path.GetFileNameWithoutExtension(file)] = schema;
        }

        return schemas;
    }
}
