using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Taxii.Connector;

/// <summary>
/// AddTaxiiSource's request checked field by field (INVALID_ARGUMENT naming the field): the name, an https collection
/// URL ending in <c>/collections/&lt;id&gt;/</c>, at most one kind of credentials without control characters, a CA
/// PEM holding certificates, and a poll interval of at least one second.
/// </summary>
internal static partial class TaxiiSourceRequest
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan ShortestPollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestPollInterval = TimeSpan.FromDays(7);

    private const int LongestUrl = 2048;
    private const int LongestSecret = 4096;
    private const int LongestPem = 64 * 1024;

    /// <summary>The checked parts of <paramref name="request"/>.</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT naming the first bad field.</exception>
    public static (TaxiiCredentials Credentials, TimeSpan PollInterval) Check(AddTaxiiSourceRequest request)
    {
        if (!SourceName().IsMatch(request.Name))
        {
            throw Invalid("name: 1 to 64 letters, digits and hyphens");
        }

        CheckUrl(request.CollectionUrl);
        var credentials = Credentials(request);
        CheckCa(request.CaCertificatePem);
        var interval = request.PollInterval is null || request.PollInterval.ToTimeSpan() == TimeSpan.Zero ? DefaultPollInterval : request.PollInterval.ToTimeSpan();
        if (interval < ShortestPollInterval || interval > LongestPollInterval)
        {
            throw Invalid($"poll_interval: between {ShortestPollInterval.TotalSeconds} s and {LongestPollInterval.TotalDays} days (0 for {DefaultPollInterval.TotalMinutes} minutes)");
        }

        return (credentials, interval);
    }

    /// <summary>A source name as AddTaxiiSource accepts it (for the other calls' checks).</summary>
    public static bool IsName(string name) => SourceName().IsMatch(name);

    private static void CheckUrl(string url)
    {
        if (url.Length > LongestUrl || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw Invalid("collection_url: an absolute URL of at most 2048 characters");
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            throw Invalid("collection_url: https only");
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw Invalid("collection_url: no user name, query or fragment (credentials go in username/password or bearer_token)");
        }

        if (!CollectionPath().IsMatch(uri.AbsolutePath))
        {
            throw Invalid("collection_url: must end in /collections/<id>/ (the collection's URL as its API root lists it)");
        }
    }

    private static TaxiiCredentials Credentials(AddTaxiiSourceRequest request)
    {
        foreach (var (field, value) in new[] { ("username", request.Username), ("password", request.Password), ("bearer_token", request.BearerToken) })
        {
            if (value.Length > LongestSecret || value.Any(char.IsControl))
            {
                throw Invalid($"{field}: at most {LongestSecret} characters, no control characters");
            }
        }

        if (request.BearerToken.Length > 0 && (request.Username.Length > 0 || request.Password.Length > 0))
        {
            throw Invalid("bearer_token: give either a bearer token or a username and password, not both");
        }

        if (request.Username.Contains(':', StringComparison.Ordinal))
        {
            throw Invalid("username: HTTP Basic does not allow ':' in a user name");
        }

        if (request.Password.Length > 0 && request.Username.Length == 0)
        {
            throw Invalid("username: required with a password");
        }

        return new TaxiiCredentials(request.Username, request.Password, request.BearerToken);
    }

    private static void CheckCa(string pem)
    {
        if (pem.Length == 0)
        {
            return;
        }

        if (pem.Length > LongestPem)
        {
            throw Invalid($"ca_certificate_pem: at most {LongestPem} characters");
        }

        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPem(pem);
            if (certificates.Count == 0)
            {
                throw Invalid("ca_certificate_pem: no CERTIFICATE block in it");
            }

            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
        catch (CryptographicException e)
        {
            throw Invalid("ca_certificate_pem: not a PEM certificate (" + e.Message + ")");
        }
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex SourceName();

    [GeneratedRegex("/collections/[^/]+/$")]
    private static partial Regex CollectionPath();
}
