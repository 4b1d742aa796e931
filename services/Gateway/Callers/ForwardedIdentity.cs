using System.Collections.Concurrent;
using CyberPledge.ServiceDefaults.Identity;
using Microsoft.Extensions.Options;

namespace CyberPledge.Gateway.Callers;

/// <summary>
/// The verified caller as the services behind the gateway accept it (DESIGN.md "Identities", Decision 2): a token of
/// at most 60 seconds that the gateway signs with the node's internal key, minted once per caller and reused until it
/// nears its end, and never valid past the caller's own credential.
/// </summary>
internal sealed class ForwardedIdentity : IDisposable
{
    private const int CacheLimit = 10_000;

    // A cached token is replaced when less than this is left, so a forwarded call never starts on one about to expire.
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ShortestLifetime = TimeSpan.FromSeconds(1);

    private readonly TokenMinter _minter;
    private readonly string _audience;
    private readonly TimeProvider _time;
    // The whole header value is kept, so a call costs no string of a token's length.
    private readonly ConcurrentDictionary<string, (string Header, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);

    public ForwardedIdentity(IOptions<GatewayOptions> options, IOptions<CallerIdentityOptions> identity, TimeProvider time)
    {
        var settings = options.Value;
        _minter = TokenMinter.FromPrivateKeyPem(settings.InternalIssuer, File.ReadAllText(settings.InternalKeyFile), time);
        _audience = settings.ForwardAudience.Length > 0 ? settings.ForwardAudience : identity.Value.Audience;
        _time = time;
    }

    /// <summary>The <c>authorization</c> header value (<c>Bearer &lt;token&gt;</c>) that carries <paramref name="caller"/> to the services.</summary>
    public string HeaderFor(GatewayCaller caller)
    {
        var now = _time.GetUtcNow();
        if (_tokens.TryGetValue(caller.Key, out var cached) && cached.Expires - now >= RenewBefore)
        {
            return cached.Header;
        }

        var lifetime = ServiceTokens.Lifetime;
        var left = caller.NotAfter - now;
        if (left < lifetime)
        {
            lifetime = left > ShortestLifetime ? left : ShortestLifetime;
        }

        var header = "Bearer " + _minter.Mint(caller.Subject, caller.Roles, _audience, lifetime, now);
        if (_tokens.Count >= CacheLimit)
        {
            Prune(now);
        }

        // JWT times are whole seconds (TokenMinter truncates): the entry expires with the token.
        _tokens[caller.Key] = (header, DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()) + lifetime);
        return header;
    }

    public void Dispose() => _minter.Dispose();

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _tokens)
        {
            if (entry.Expires - now < RenewBefore)
            {
                _tokens.TryRemove(key, out _);
            }
        }

        if (_tokens.Count >= CacheLimit)
        {
            _tokens.Clear();
        }
    }
}
