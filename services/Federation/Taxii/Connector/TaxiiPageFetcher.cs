using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CyberPledge.Stix;

namespace CyberPledge.Federation.Taxii.Connector;

/// <summary>One page of an external collection's objects: the objects, whether more follow, <c>next</c>, and its X-TAXII-Date-Added-Last.</summary>
internal sealed record TaxiiSourcePage(IReadOnlyList<JsonElement> Objects, bool More, string? Next, string? DateAddedLast);

/// <summary>A poll that failed: an HTTP status with the server's TAXII error, a refused envelope, TLS, the network.</summary>
internal sealed class TaxiiPollException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Fetches pages of one external TAXII 2.1 collection over HTTPS only (TLS 1.2 or 1.3), the server's certificate
/// validated against the source's CA (custom root trust) or else the system's roots, as the source's credentials.
/// The body is bounded by <see cref="StixReadLimits"/> before it is parsed (SECURITY.md rule 10).
/// </summary>
internal sealed class TaxiiPageFetcher : ITaxiiPageSource, IDisposable
{
    /// <summary>The most of a TAXII error body read to report it.</summary>
    private const int ErrorBodyBytes = 16 * 1024;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);

    private readonly HttpClient _client;
    private readonly StixReadLimits _limits;
    private readonly string? _authorization;

    public TaxiiPageFetcher(string caCertificatePem, TaxiiCredentials credentials, StixReadLimits limits)
    {
        var ssl = new SslClientAuthenticationOptions { EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 };
        if (caCertificatePem.Length > 0)
        {
            // The administrator's CA is the trust decision, like a peer's CA in the registry: private CAs often publish
            // no CRL, so revocation is not fetched, nor are issuers the server's certificate names.
            var trust = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
            trust.CustomTrustStore.ImportFromPem(caCertificatePem);
            ssl.CertificateChainPolicy = trust;
        }

        var handler = new SocketsHttpHandler { SslOptions = ssl, AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        _client = new HttpClient(handler) { Timeout = RequestTimeout, MaxResponseContentBufferSize = limits.MaxBytes };
        _limits = limits;
        _authorization = credentials.AuthorizationHeader();
    }

    /// <summary>GETs <paramref name="url"/> (an https objects URL) and reads it as a TAXII envelope.</summary>
    /// <exception cref="TaxiiPollException">Anything but a valid envelope.</exception>
    public async Task<TaxiiSourcePage> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.Scheme != Uri.UriSchemeHttps)
        {
            throw new TaxiiPollException($"{url}: only https is allowed");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(StixMediaTypes.Taxii));
        if (_authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        }

        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new TaxiiPollException(await DescribeErrorAsync(response, cancellationToken).ConfigureAwait(false));
            }

            if (response.Content.Headers.ContentLength > _limits.MaxBytes)
            {
                throw new TaxiiPollException($"the page is larger than {_limits.MaxBytes} bytes");
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var envelope = await StixEnvelopeReader.ReadAsync(stream, _limits, cancellationToken).ConfigureAwait(false);
                if (envelope.IsBundle)
                {
                    throw new TaxiiPollException("the server answered a STIX bundle, not a TAXII envelope");
                }

                var last = response.Headers.TryGetValues("X-TAXII-Date-Added-Last", out var values) ? values.FirstOrDefault() : null;
                return new TaxiiSourcePage(envelope.Objects, envelope.More, envelope.Next, last);
            }
        }
        catch (StixEnvelopeException e)
        {
            throw new TaxiiPollException($"the envelope was refused ({e.Error}): {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new TaxiiPollException(Describe(e), e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TaxiiPollException($"no answer within {RequestTimeout.TotalSeconds} s", e);
        }
    }

    public void Dispose() => _client.Dispose();

    private static string Describe(HttpRequestException e)
    {
        // A TLS failure's message sits below ("The remote certificate is invalid because of errors in the certificate chain").
        var inner = e.InnerException is AuthenticationException tls ? "TLS: " + tls.Message : e.InnerException?.Message;
        return inner is null ? e.Message : $"{e.Message} ({inner})";
    }

    /// <summary>"HTTP 401 Unauthorized: title: description" from a TAXII error object, when the body is one.</summary>
    private static async Task<string> DescribeErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[ErrorBodyBytes];
                var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                using var error = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 8 });
                var title = Text(error.RootElement, "title");
                var description = Text(error.RootElement, "description");
                return title is null ? status : description is null ? $"{status}: {title}" : $"{status}: {title}: {description}";
            }
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException)
        {
            return status;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? Bounded(value.GetString()!)
            : null;

    private static string Bounded(string text) => text.Length > 256 ? text[..256] : text;
}
