using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.AppHost.Processes;
using CyberPledge.AppHost.Run;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace CyberPledge.AppHost.Wiring;

/// <summary>
/// Calls to one node through its gateway, as its administrators and analysts do: TLS trusting only the nation's CA,
/// tokens of the nation's development identity provider. AppHost wires, watches and feeds the federation this way,
/// through the one door, never around it.
/// </summary>
internal sealed class GatewayClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly DevelopmentTokenSet _tokens;

    public GatewayClient(NodeMaterial material, Uri gateway, DevelopmentTokenSet tokens)
    {
        Material = material;
        Address = gateway;
        _tokens = tokens;
        _channel = TlsChannel(gateway, material.Ca);
        Health = new Health.HealthClient(_channel);
        var admin = BearerTokens.Attach(_channel.CreateCallInvoker(), () => _tokens.For(material.Node.Nation, Roles.Admin));
        Indicators = new Indicators.IndicatorsClient(admin);
        Partners = new Partners.PartnersClient(admin);
        Federation = new Federation.FederationClient(admin);
    }

    public NodeMaterial Material { get; }

    public string Nation => Material.Node.Nation;

    public Uri Address { get; }

    /// <summary>The node's health (service "" is the whole node: the gateway and every service behind it).</summary>
    public Health.HealthClient Health { get; }

    public Indicators.IndicatorsClient Indicators { get; }

    public Partners.PartnersClient Partners { get; }

    public Federation.FederationClient Federation { get; }

    /// <summary>Null when the node answers SERVING for "" within <paramref name="timeout"/>, else what it answered.</summary>
    public async Task<string?> NotServingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await Health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
            return answer.Status == HealthCheckResponse.Types.ServingStatus.Serving ? null : answer.Status.ToString();
        }
        catch (RpcException e)
        {
            return $"{e.StatusCode}: {e.Status.Detail}";
        }
    }

    /// <summary>A channel over TLS to <paramref name="address"/> that trusts only <paramref name="ca"/>.</summary>
    public static GrpcChannel TlsChannel(Uri address, X509Certificate2 ca)
    {
        var trust = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        trust.CustomTrustStore.Add(ca);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = trust },
            EnableMultipleHttp2Connections = true,
            UseProxy = false,
        };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true, MaxReceiveMessageSize = null });
    }

    /// <summary>A cleartext channel to a service on loopback, for its health only (probes carry no credentials).</summary>
    public static GrpcChannel HealthChannel(ServiceLaunch launch) => GrpcChannel.ForAddress(launch.Address);

    public void Dispose() => _channel.Dispose();
}
