using CyberPledge.Partners.Grpc;
using CyberPledge.ServiceDefaults.Identity;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using IndicatorsClient = CyberPledge.V1.Indicators.IndicatorsClient;

namespace CyberPledge.Partners.Preview;

/// <summary>
/// The node's Indicators service as Partners calls it: as <c>service:partners</c>, with a short-lived token minted from
/// the node's internal key (DESIGN.md Decision 2), made on first use.
/// </summary>
internal sealed class IndicatorsConnection(IOptions<PartnersOptions> options, IOptions<CallerIdentityOptions> identity) : IDisposable
{
    public const string ServiceName = "partners";

    private readonly Lazy<(GrpcChannel Channel, ServiceTokens Tokens, IndicatorsClient Client)> _connection = new(() => Connect(options.Value, identity.Value));

    public IndicatorsClient Client => _connection.Value.Client;

    private static (GrpcChannel, ServiceTokens, IndicatorsClient) Connect(PartnersOptions options, CallerIdentityOptions identity)
    {
        if (options.InternalKeyFile.Length == 0 || identity.InternalIssuer is not { Issuer.Length: > 0 } issuer)
        {
            throw Refusals.FailedPrecondition(
                $"{PartnersOptions.SectionName}:InternalKeyFile and Identity:InternalIssuer:Issuer must be set: Preview and Explain read the indicators as service:{ServiceName}");
        }

        var tokens = ServiceTokens.FromKeyFile(issuer.Issuer, options.InternalKeyFile, ServiceName, identity.Audience);
        var channel = GrpcChannel.ForAddress(options.IndicatorsAddress);
        return (channel, tokens, new IndicatorsClient(tokens.Apply(channel.CreateCallInvoker())));
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Channel.Dispose();
            _connection.Value.Tokens.Dispose();
        }
    }
}
