using Grpc.Core;
using CyberPledge.ServiceDefaults.Identity;
using Grpc.Net.Client;
using IndicatorsClient = CyberPledge.V1.Indicators.IndicatorsClient;
using FederationClient = CyberPledge.V1.Federation.FederationClient;
using PartnersClient = CyberPledge.V1.Partners.PartnersClient;

namespace CyberPledge.Cli.Connection;

/// <summary>The services' channels (opened on first use) and the bearer token every call carries.</summary>
internal sealed class ServiceConnection(Uri indicatorsAddress, Uri partnersAddress, Uri federationAddress, string? token) : IDisposable
{
    private GrpcChannel? _indicators;
    private GrpcChannel? _partners;
    private GrpcChannel? _federation;

    public Uri IndicatorsAddress { get; } = indicatorsAddress;

    public Uri PartnersAddress { get; } = partnersAddress;

    public Uri FederationAddress { get; } = federationAddress;

    public string? Token { get; } = token;

    public IndicatorsClient Indicators => new(Invoker(_indicators ??= GrpcChannel.ForAddress(IndicatorsAddress)));

    public PartnersClient Partners => new(Invoker(_partners ??= GrpcChannel.ForAddress(PartnersAddress)));

    public FederationClient Federation => new(Invoker(_federation ??= GrpcChannel.ForAddress(FederationAddress)));

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
    }
}
