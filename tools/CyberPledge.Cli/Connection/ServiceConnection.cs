using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using CyberPledge.ServiceDefaults.Identity;
using Grpc.Net.Client;
using IndicatorsClient = CyberPledge.V1.Indicators.IndicatorsClient;
using FederationClient = CyberPledge.V1.Federation.FederationClient;
using PartnersClient = CyberPledge.V1.Partners.PartnersClient;

namespace CyberPledge.Cli.Connection;

/// <summary>
/// The services' channels (opened on first use) and the bearer token every call carries. With <paramref name="ca"/>
/// (a node of the connection file) an https:// address is trusted only when its certificate chains to that CA.
/// </summary>
internal sealed class ServiceConnection(Uri indicatorsAddress, Uri partnersAddress, Uri federationAddress, string? token, X509Certificate2? ca = null) : IDisposable
{
    private GrpcChannel? _indicators;
    private GrpcChannel? _partners;
    private GrpcChannel? _federation;

    public Uri IndicatorsAddress { get; } = indicatorsAddress;

    public Uri PartnersAddress { get; } = partnersAddress;

    public Uri FederationAddress { get; } = federationAddress;

    public string? Token { get; } = token;

    public IndicatorsClient Indicators => new(Invoker(_indicators ??= Channel(IndicatorsAddress)));

    public PartnersClient Partners => new(Invoker(_partners ??= Channel(PartnersAddress)));

    public FederationClient Federation => new(Invoker(_federation ??= Channel(FederationAddress)));

    private GrpcChannel Channel(Uri address)
    {
        if (ca is null || address.Scheme != Uri.UriSchemeHttps)
        {
            return GrpcChannel.ForAddress(address);
        }
        var trust = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        trust.CustomTrustStore.Add(ca);
        var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = trust }, UseProxy = false };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    // Without a token the call goes out bare and the service answers UNAUTHENTICATED, which names the problem.
    private CallInvoker Invoker(GrpcChannel channel)
    {
        var invoker = channel.CreateCallInvoker();
        return Token is { } bearer ? BearerTokens.Attach(invoker, () => bearer) : invoker;
    }

    public void Dispose()
    {
        _indicators?.Dispose();
        _partners?.Dispose();
        _federation?.Dispose();
        ca?.Dispose();
    }
}
