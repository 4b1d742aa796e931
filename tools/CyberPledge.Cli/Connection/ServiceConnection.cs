using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using IndicatorsClient = CyberPledge.V1.Indicators.IndicatorsClient;
using PartnersClient = CyberPledge.V1.Partners.PartnersClient;

namespace CyberPledge.Cli.Connection;

/// <summary>The services' channels (opened on first use) and the bearer token every call carries.</summary>
internal sealed class ServiceConnection(Uri indicatorsAddress, Uri partnersAddress, string? token) : IDisposable
{
    private GrpcChannel? _indicators;
    private GrpcChannel? _partners;

    public Uri IndicatorsAddress { get; } = indicatorsAddress;

    public Uri PartnersAddress { get; } = partnersAddress;

    public string? Token { get; } = token;

    public IndicatorsClient Indicators => new(Invoker(_indicators ??= GrpcChannel.ForAddress(IndicatorsAddress)));

    public PartnersClient Partners => new(Invoker(_partners ??= GrpcChannel.ForAddress(PartnersAddress)));

    // The token goes in as metadata rather than call credentials: the services speak cleartext HTTP/2 on loopback
    // behind the gateway (docs/indicators.md), where the channel would otherwise drop call credentials. Without a
    // token the call goes out bare and the service answers UNAUTHENTICATED, which names the problem.
    private CallInvoker Invoker(GrpcChannel channel)
    {
        var invoker = channel.CreateCallInvoker();
        if (Token is not { } bearer)
        {
            return invoker;
        }
        return invoker.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + bearer);
            return metadata;
        });
    }

    public void Dispose()
    {
        _indicators?.Dispose();
        _partners?.Dispose();
    }
}
