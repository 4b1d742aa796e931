using CyberPledge.ServiceDefaults.Identity;
using Grpc.Core;

namespace CyberPledge.Testing;

/// <summary>
/// A node's internal issuer made at test time (never a file in the repository): it mints bearer tokens for any role,
/// and tells a service, in process or as a child process, to trust it.
/// </summary>
public sealed class TestTokens : IDisposable
{
    /// <summary>The audience the services of a test node expect (the default in their appsettings.json).</summary>
    public const string Audience = "cyberpledge";

    /// <summary>Mints for the node's internal issuer: trusted for every role, service: ones included.</summary>
    public TokenMinter Internal { get; } = TokenMinter.CreateWithNewKey("test-internal-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>A token for <paramref name="roles"/>, valid for an hour.</summary>
    public string For(params string[] roles) => Internal.Mint("test-" + string.Join('+', roles), roles, Audience, TimeSpan.FromHours(1));

    /// <summary>An analyst of this nation.</summary>
    public string Analyst => For(Roles.Analyst);

    /// <summary>An administrator of this nation.</summary>
    public string Admin => For(Roles.Admin);

    /// <summary>The node's own Federation service.</summary>
    public string Federation => For(Roles.FederationService);

    /// <summary>Environment variables that make a service process trust <see cref="Internal"/>.</summary>
    public IReadOnlyDictionary<string, string?> ServiceEnvironment => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Identity__Audience"] = Audience,
        ["Identity__InternalIssuer__Issuer"] = Internal.Issuer,
        ["Identity__InternalIssuer__PublicKeyPem"] = Internal.PublicKeyPem,
    };

    /// <summary>Makes an in-process host trust <see cref="Internal"/> (pass to <c>AddCallerIdentity</c>).</summary>
    public void TrustIn(CallerIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Audience = Audience;
        options.InternalIssuer = new IssuerKeyOptions { Issuer = Internal.Issuer, PublicKeyPem = Internal.PublicKeyPem };
    }

    /// <summary>A call invoker that sends <paramref name="token"/> as the bearer token of every call.</summary>
    public static CallInvoker WithToken(CallInvoker invoker, string token) => BearerTokens.Attach(invoker, () => token);

    /// <inheritdoc />
    public void Dispose() => Internal.Dispose();
}
