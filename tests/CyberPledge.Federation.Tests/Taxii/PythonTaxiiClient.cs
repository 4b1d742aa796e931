using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CyberPledge.Federation.Tests.Taxii;

/// <summary>One HTTP answer as the Python client saw it.</summary>
internal sealed record TaxiiAnswer(int Status, IReadOnlyDictionary<string, string> Headers, JsonObject? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public JsonArray Objects => Body?["objects"]?.AsArray() ?? [];

    public static TaxiiAnswer From(JsonNode node) => new(
        node["status"]!.GetValue<int>(),
        node["headers"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
        node["body"] as JsonObject);
}

/// <summary>
/// Drives taxii_client.py (Python's standard library over HTTPS, trusting the nation's CA): the server is tested by a
/// client that is not the product's code, as an outside TAXII consumer would call it. With <paramref name="basic"/> it
/// signs in with HTTP Basic instead of a bearer token; with <paramref name="source"/> it connects from that local address.
/// </summary>
internal sealed class PythonTaxiiClient(Uri gateway, string caFile, string? token, (string Username, string Password)? basic = null, string? source = null)
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Taxii", "taxii_client.py");

    public Task<TaxiiAnswer> GetAsync(string path, string? accept = "application/taxii+json;version=2.1") =>
        RunAsync("get", path, accept, output => TaxiiAnswer.From(JsonNode.Parse(output)!));

    /// <summary>POSTs <paramref name="body"/> (an envelope) with its Content-Type.</summary>
    public Task<TaxiiAnswer> PostAsync(string path, string body, string? contentType = "application/taxii+json;version=2.1",
        string? accept = "application/taxii+json;version=2.1") =>
        RunAsync("post", path, accept, output => TaxiiAnswer.From(JsonNode.Parse(output)!), new JsonObject { ["body"] = body, ["content_type"] = contentType });

    /// <summary>Every page of a list, following <c>next</c> until <c>more</c> is false.</summary>
    public Task<IReadOnlyList<TaxiiAnswer>> WalkAsync(string path) =>
        RunAsync<IReadOnlyList<TaxiiAnswer>>("walk", path, "application/taxii+json;version=2.1",
            output => JsonNode.Parse(output)!.AsArray().Select(n => TaxiiAnswer.From(n!)).ToList());

    private async Task<T> RunAsync<T>(string mode, string path, string? accept, Func<string, T> read, JsonObject? extra = null)
    {
        var ask = new JsonObject { ["mode"] = mode, ["url"] = new Uri(gateway, path).ToString(), ["ca"] = caFile, ["token"] = token, ["accept"] = accept };
        if (basic is { } pair)
        {
            ask["basic"] = new JsonArray(pair.Username, pair.Password);
        }

        if (source is not null)
        {
            ask["source"] = source;
        }

        foreach (var (name, value) in extra ?? [])
        {
            ask[name] = value?.DeepClone();
        }

        using var process = Process.Start(new ProcessStartInfo("python3", [Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await process.StandardInput.WriteAsync(ask.ToJsonString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0 ? read(await output) : throw new InvalidOperationException($"taxii_client.py failed: {await error}");
    }
}
