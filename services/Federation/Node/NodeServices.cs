using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace CyberPledge.Federation.Node;

/// <summary>
/// The node's own Indicators and Partners services as Federation calls them: as <c>service:federation</c>, with
/// short-lived tokens signed by the node's internal key (DESIGN.md Decision 2).
/// </summary>
internal sealed class NodeServices : IDisposable
{
    public const string ServiceName = "federation";

    private readonly GrpcChannel _indicators;
    private readonly GrpcChannel _partners;
    private readonly ServiceTokens _tokens;

    public NodeServices(IOptions<FederationOptions> options, IOptions<CallerIdentityOptions> identity)
    {
        var settings = options.Value;
        _tokens = ServiceTokens.FromKeyFile(settings.InternalIssuer, settings.InternalKeyFile, ServiceName, identity.Value.Audience);
        _indicators = GrpcChannel.ForAddress(settings.IndicatorsAddress, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        _partners = GrpcChannel.ForAddress(settings.PartnersAddress);
        Indicators = new Indicators.IndicatorsClient(_tokens.Apply(_indicators.CreateCallInvoker()));
        Partners = new Partners.PartnersClient(_tokens.Apply(_partners.CreateCallInvoker()));
    }

    public Indicators.IndicatorsClient Indicators { get; }

    public Partners.PartnersClient Partners { get; }

    public void Dispose()
    {
        _indicators.Dispose();
        _partners.Dispose();
        _tokens.Dispose();
    }
}
