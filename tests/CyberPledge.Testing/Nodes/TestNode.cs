using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.ServiceDefaults.Identity;
using Grpc.Net.Client;

namespace CyberPledge.Testing.Nodes;

/// <summary>
/// One node as real processes on loopback, set up the way a nation deploys it: Indicators and Partners trusting only
/// the node's internal issuer, and the Gateway in front of them with the node certificate, the nation's identity
/// provider (admin, analyst), a partner's identity provider (partner:JPN) and the internal key it forwards identities
/// with. Everything lives in a temporary directory removed at the end.
/// </summary>
public sealed partial class TestNode : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly TemporaryDirectory _directory = new();
    private readonly TestNodeOptions _options;
    private ChildProcess? _indicators;
    private readonly List<ChildProcess> _indicatorsReplicas = [];
    private ChildProcess? _partners;
    private ChildProcess? _gateway;
    private ChildProcess? _federation;

    private TestNode(TestNodeOptions options)
    {
        _options = options;
        Identity = TestNation.Create(options.Nation, _directory.Path);
        InternalKeyFile = Path.Combine(_directory.Path, "internal-key.pem");
        File.WriteAllText(InternalKeyFile, Tokens.Internal.ExportPrivateKeyPem());
    }

    /// <summary>The node's internal issuer (what the services trust) and tokens it mints directly.</summary>
    public TestTokens Tokens { get; } = new();

    /// <summary>The nation's identity provider, trusted by the gateway for admin and analyst.</summary>
    public TokenMinter NationIssuer { get; } = TokenMinter.CreateWithNewKey("https://idp.test/nation");

    /// <summary>Japan's identity provider, trusted by the gateway for partner:JPN only.</summary>
    public TokenMinter PartnerIssuer { get; } = TokenMinter.CreateWithNewKey("https://idp.test/jpn");

    /// <summary>The node's CA and its gateway's certificate.</summary>
    public TestNation Identity { get; }

    public string InternalKeyFile { get; }

    /// <summary>A directory for the test's own files, removed with the node.</summary>
    public string Directory => _directory.Path;

    public ChildProcess Indicators => _indicators ?? throw new InvalidOperationException("Indicators does not run.");

    /// <summary>The further Indicators replicas (<see cref="TestNodeOptions.ExtraIndicatorsReplicas"/>), in order.</summary>
    public IReadOnlyList<ChildProcess> IndicatorsReplicas => _indicatorsReplicas;

    public ChildProcess Partners => _partners ?? throw new InvalidOperationException("Partners does not run.");

    public ChildProcess Gateway => _gateway ?? throw new InvalidOperationException("The gateway does not run.");

    public ChildProcess Federation => _federation ?? throw new InvalidOperationException("Federation does not run.");

    /// <summary>The node's nation (ISO alpha-3).</summary>
    public string Nation => _options.Nation;

    public static async Task<TestNode> StartAsync(TestNodeOptions? options = null)
    {
        var node = new TestNode(options ?? new TestNodeOptions());
        try
        {
            await node.StartServicesAsync().ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A token of the nation's identity provider for <paramref name="subject"/> with <paramref name="roles"/>.</summary>
    public string UserToken(string subject, params string[] roles) => NationIssuer.Mint(subject, roles, TestTokens.Audience, TimeSpan.FromHours(1));

    /// <summary>A token of Japan's identity provider for a partner application.</summary>
    public string PartnerToken(string subject = "jpn-app") => PartnerIssuer.Mint(subject, ["partner:JPN"], TestTokens.Audience, TimeSpan.FromHours(1));

    /// <summary>
    /// A channel to the gateway over TLS that trusts only the node's CA, presenting <paramref name="clientCertificate"/>
    /// (a peer node's) when given.
    /// </summary>
    public GrpcChannel GatewayChannel(X509Certificate2? clientCertificate = null, X509Certificate2Collection? clientChain = null) =>
        TlsChannel(Gateway.Address, clientCertificate, clientChain);

    /// <summary>
    /// A channel over TLS to <paramref name="address"/> that trusts only the node's CA, presenting
    /// <paramref name="clientCertificate"/> and the intermediate CAs in <paramref name="clientChain"/> when given.
    /// </summary>
    public GrpcChannel TlsChannel(Uri address, X509Certificate2? clientCertificate = null, X509Certificate2Collection? clientChain = null)
    {
        var trust = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        trust.CustomTrustStore.Add(Identity.Ca);
        var ssl = new SslClientAuthenticationOptions { CertificateChainPolicy = trust };
        if (clientCertificate is not null && clientChain is not null)
        {
            ssl.ClientCertificateContext = SslStreamCertificateContext.Create(clientCertificate, clientChain, offline: true);
        }
        else if (clientCertificate is not null)
        {
            // Sent whatever CA names the server lists: the gateway asks for any certificate and decides by its registry.
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        var handler = new SocketsHttpHandler { SslOptions = ssl, EnableMultipleHttp2Connections = true, UseProxy = false };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true, MaxReceiveMessageSize = null });
    }

    /// <summary>A cleartext channel straight to a service, bypassing the gateway (as an attacker inside the network would).</summary>
    public static GrpcChannel DirectChannel(ChildProcess service) => GrpcChannel.ForAddress(service.Address);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { _gateway, _federation, _partners, _indicators }.Concat(_indicatorsReplicas))
        {
            if (process is not null)
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }
        }

        Identity.Dispose();
        NationIssuer.Dispose();
        PartnerIssuer.Dispose();
        Tokens.Dispose();
        _directory.Dispose();
    }
}
