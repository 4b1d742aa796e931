using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace CyberPledge.Benchmarks.Taxii;

/// <summary>
/// Reads a whole TAXII collection as a TAXII client does: GET objects with <c>limit</c>, then each <c>next</c> while
/// <c>more</c> is true, over HTTPS (the node's CA only) with the Bearer token, parsing every page.
/// </summary>
internal sealed class TaxiiPager : IDisposable
{
    private const string MediaType = "application/taxii+json;version=2.1";
    private readonly HttpClient _http;

    public TaxiiPager(Uri gateway, X509Certificate2 ca, string token, Version httpVersion)
    {
        var trust = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        trust.CustomTrustStore.Add(ca);
        var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = trust }, UseProxy = false };
        _http = new HttpClient(handler) { BaseAddress = gateway, DefaultRequestVersion = httpVersion, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(MediaType));
    }

    /// <summary>The id of the one collection the caller is given (an analyst's: the node's own).</summary>
    public async Task<string> CollectionIdAsync()
    {
        using var document = await GetAsync("/taxii2/api1/collections/");
        return document.RootElement.GetProperty("collections")[0].GetProperty("id").GetString()!;
    }

    /// <summary>Every object of the collection, page by page: how many of each STIX type, the pages and the time taken.</summary>
    public async Task<PagedRead> ReadAllAsync(string collectionId, int limit)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var indicatorIds = new HashSet<string>(StringComparer.Ordinal);
        var pages = 0;
        var watch = Stopwatch.StartNew();
        string? next = null;
        do
        {
            var query = $"/taxii2/api1/collections/{collectionId}/objects/?limit={limit}" + (next is null ? "" : $"&next={Uri.EscapeDataString(next)}");
            using var page = await GetAsync(query);
            pages++;
            var root = page.RootElement;
            if (root.TryGetProperty("objects", out var objects))
            {
                foreach (var stix in objects.EnumerateArray())
                {
                    var type = stix.GetProperty("type").GetString()!;
                    counts[type] = counts.GetValueOrDefault(type) + 1;
                    if (type == "indicator")
                    {
                        indicatorIds.Add(stix.GetProperty("id").GetString()!);
                    }
                }
            }

            next = root.GetProperty("more").GetBoolean() ? root.GetProperty("next").GetString() : null;
        }
        while (next is not null);

        return new PagedRead(counts, indicatorIds.Count, pages, watch.Elapsed);
    }

    private async Task<JsonDocument> GetAsync(string pathAndQuery)
    {
        using var response = await _http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseContentRead);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {pathAndQuery}: HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        return await JsonDocument.ParseAsync(body);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>What a paged read got: objects by STIX type, distinct indicator ids, how many pages, and how long it took.</summary>
internal sealed record PagedRead(IReadOnlyDictionary<string, int> Counts, int DistinctIndicators, int Pages, TimeSpan Elapsed)
{
    public int Objects => Counts.Values.Sum();

    public double ObjectsPerSecond => Objects / Elapsed.TotalSeconds;
}
