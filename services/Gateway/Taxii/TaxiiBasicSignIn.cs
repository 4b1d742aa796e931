using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CyberPledge.Gateway.Callers;
using CyberPledge.ServiceDefaults.Identity;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CyberPledge.Gateway.Taxii;

/// <summary>What a Basic sign-in came to: a caller, a refusal (401), a wait (429) or Partners unreachable (503).</summary>
internal readonly record struct BasicSignInResult(GatewayCaller? Caller, string Refusal, TimeSpan? RetryAfter = null, bool Unavailable = false);

/// <summary>
/// HTTP Basic on the TAXII route (docs/gateway.md "TAXII Basic", SECURITY.md rule 10), in this order: the source's
/// failed sign-ins are checked before anything is hashed; then a success cached by the SHA-256 of the credential (for
/// <c>CacheLifetime</c>, so a revoked credential keeps working at most that long); only then Partners' slow check.
/// A valid credential becomes a partner caller of its nation, <c>partner:&lt;NATION&gt;</c>, whose subject names it.
/// </summary>
internal sealed partial class TaxiiBasicSignIn(
    ITaxiiCredentialVerifier verifier, IOptions<GatewayOptions> options, TimeProvider time, ILogger<TaxiiBasicSignIn> logger)
{
    private const int CacheLimit = 10_000;

    private readonly TaxiiBasicOptions _options = options.Value.TaxiiBasic;
    private readonly ConcurrentDictionary<string, (VerifiedTaxiiCredential Credential, DateTimeOffset Expires)> _successes = new(StringComparer.Ordinal);
    private readonly FailedSignIns _failures = new(options.Value.TaxiiBasic, time);

    public async Task<BasicSignInResult> SignInAsync(HttpContext context)
    {
        if (!BasicCredentials.TryRead(context.Request, out var username, out var password))
        {
            return new BasicSignInResult(null, "the Basic credentials are malformed");
        }

        var source = FailedSignIns.SourceOf(context.Connection.RemoteIpAddress);
        if (!_failures.TryBegin(source, out var retryAfter))
        {
            LogThrottled(logger, source);
            return new BasicSignInResult(null, "too many failed sign-ins", retryAfter);
        }

        var failed = false;
        try
        {
            var digest = Digest(username, password);
            var now = time.GetUtcNow();
            if (_successes.TryGetValue(digest, out var cached) && cached.Expires > now)
            {
                return new BasicSignInResult(CallerOf(username, cached.Credential, cached.Expires), "");
            }

            var verified = await verifier.VerifyAsync(username, password, context.RequestAborted).ConfigureAwait(false);
            if (verified is null)
            {
                failed = true;
                LogFailed(logger, source);
                return new BasicSignInResult(null, "the Basic credentials are not valid");
            }

            var expires = time.GetUtcNow() + _options.CacheLifetime;
            Remember(digest, verified, expires);
            return new BasicSignInResult(CallerOf(username, verified, expires), "");
        }
        catch (RpcException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            LogUnavailable(logger, e.StatusCode, e.Status.Detail);
            return new BasicSignInResult(null, "the credential store is unavailable", Unavailable: true);
        }
        finally
        {
            _failures.End(source, failed);
        }
    }

    /// <summary>SHA-256 over the length-prefixed username and password: the cache never holds either.</summary>
    private static string Digest(string username, string password) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{username.Length}:{username}:{password}")));

    private static GatewayCaller CallerOf(string username, VerifiedTaxiiCredential credential, DateTimeOffset notAfter) =>
        new(CallerKind.Partner, "basic:" + username, credential.Subject, [Roles.Partner(credential.Nation)], notAfter);

    private void Remember(string digest, VerifiedTaxiiCredential credential, DateTimeOffset expires)
    {
        if (_successes.Count >= CacheLimit)
        {
            var now = time.GetUtcNow();
            foreach (var (key, entry) in _successes)
            {
                if (entry.Expires <= now)
                {
                    _successes.TryRemove(key, out _);
                }
            }

            if (_successes.Count >= CacheLimit)
            {
                _successes.Clear();
            }
        }

        _successes[digest] = (credential, expires);
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "TAXII Basic sign-in from {Source} refused: too many failures")]
    private static partial void LogThrottled(ILogger logger, string source);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "TAXII Basic sign-in from {Source} failed")]
    private static partial void LogFailed(ILogger logger, string source);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "TAXII Basic credentials could not be checked ({Status}: {Detail})")]
    private static partial void LogUnavailable(ILogger logger, StatusCode status, string detail);
}
