using Grpc.Core;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>
/// A node service's own identity toward the node's other services (DESIGN.md Decision 2): a short-lived token for
/// <c>service:&lt;name&gt;</c> signed with the node's internal key, minted once and reused until shortly before it
/// expires, so a call pays no signature on the caller's side either.
/// </summary>
public sealed class ServiceTokens : IDisposable
{
    /// <summary>Decision 2: service identities live at most 60 seconds.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    // A token is replaced when less than this is left, so a call never starts with one about to expire.
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(15);

    private readonly TokenMinter _minter;
    private readonly string _role;
    private readonly string _audience;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private (string Token, DateTimeOffset Expires)? _current;

    /// <param name="minter">The node's internal issuer (its private key).</param>
    /// <param name="serviceName">The calling service: its role is <c>service:&lt;serviceName&gt;</c>.</param>
    /// <param name="audience">The audience of the node's services.</param>
    /// <param name="time">The clock.</param>
    public ServiceTokens(TokenMinter minter, string serviceName, string audience, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(minter);
        _minter = minter;
        _role = Roles.Service(serviceName);
        _audience = audience;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Service tokens signed with the node's internal key, read from its PKCS#8 PEM file.</summary>
    /// <param name="issuer">The internal issuer's name (the services' <c>Identity:InternalIssuer:Issuer</c>).</param>
    /// <param name="privateKeyFile">The internal issuer's private key file.</param>
    /// <param name="serviceName">The calling service.</param>
    /// <param name="audience">The audience of the node's services.</param>
    public static ServiceTokens FromKeyFile(string issuer, string privateKeyFile, string serviceName, string audience) =>
        new(TokenMinter.FromPrivateKeyPem(issuer, File.ReadAllText(privateKeyFile)), serviceName, audience);

    /// <summary>A valid token for this service's role, the same one until it is near its expiry.</summary>
    public string Current
    {
        get
        {
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                if (_current is not { } current || current.Expires - now < RenewBefore)
                {
                    current = (_minter.Mint(_role, [_role], _audience, Lifetime, now), now + Lifetime);
                    _current = current;
                }

                return current.Token;
            }
        }
    }

    /// <summary>A call invoker that sends this service's token with every call.</summary>
    public CallInvoker Apply(CallInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        return BearerTokens.Attach(invoker, () => Current);
    }

    /// <inheritdoc />
    public void Dispose() => _minter.Dispose();
}
