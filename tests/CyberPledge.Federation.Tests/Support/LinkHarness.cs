using System.Net;
using CyberPledge.Federation.Links;
using CyberPledge.Federation.Links.Audit;
using CyberPledge.Federation.Node;
using CyberPledge.Federation.Registry;
using CyberPledge.Federation.Storage;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Signing;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>
/// This node (DEU) with one inbound link to JPN: JPN's gateway is a TLS Kestrel host serving a <see cref="PeerFeed"/>
/// with JPN's node certificate; DEU's Indicators and Partners are fakes behind their gRPC contracts; the link's
/// pieces are the real ones. FRA's data only arrives relayed; KOR is not in the registry.
/// </summary>
internal sealed class LinkHarness : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly TestTokens _tokens = new();
    private readonly int _peerPort = FreePort.Loopback();
    private WebApplication? _peer;
    private WebApplication? _node;
    private NodeServices? _services;
    private PeerDirectory? _registry;

    private LinkHarness()
    {
        Deu = TestNation.Create("DEU", _directory.Path);
        Jpn = TestNation.Create("JPN", _directory.Path);
        Other = TestNation.Create("GBR", _directory.Path);
        Feed = new PeerFeed("JPN");
        Indicators = new NodeIndicators(new Origin { Nation = "DEU", NodeId = "node-1" });
        Store = new SqliteFederationStore(Path.Combine(_directory.Path, "federation"));
    }

    public TestNation Deu { get; }

    public TestNation Jpn { get; }

    /// <summary>A nation whose CA JPN's gateway does not chain to.</summary>
    public TestNation Other { get; }

    public OriginKey JpnKey { get; } = new("JPN");

    public OriginKey FraKey { get; } = new("FRA");

    public OriginKey KorKey { get; } = new("KOR");

    public PeerFeed Feed { get; }

    public NodeIndicators Indicators { get; }

    public IFederationStore Store { get; private set; }

    public LinkBoard Board { get; } = new();

    /// <summary>The link events the links hand over, as Partners would receive them.</summary>
    public RecordingLinkAuditSink AuditSink { get; } = new();

    /// <summary>The link audit over <see cref="AuditSink"/>, running while the harness does.</summary>
    public LinkAudit Audit { get; private set; } = null!;

    public InboundLinkOptions Options { get; } = new()
    {
        FirstRetry = TimeSpan.FromMilliseconds(50),
        LongestRetry = TimeSpan.FromMilliseconds(200),
        FirstDeniedRetry = TimeSpan.FromMilliseconds(100),
        LongestDeniedRetry = TimeSpan.FromMilliseconds(300),
    };

    /// <param name="registeredCaOfAnotherNation">The registry holds another nation's CA for JPN, so JPN's gateway does not chain to it.</param>
    public static async Task<LinkHarness> StartAsync(bool registeredCaOfAnotherNation = false)
    {
        var harness = new LinkHarness();
        await harness.StartPeerAsync();
        await harness.StartNodeAsync(registeredCaOfAnotherNation ? harness.Other : harness.Jpn);
        return harness;
    }

    /// <summary>JPN's gateway (again, on the same port after <see cref="StopPeerAsync"/>).</summary>
    public async Task StartPeerAsync()
    {
        _peer = await PeerGatewayHost.StartAsync(Jpn, _peerPort, Feed);
    }

    public async Task StopPeerAsync()
    {
        Feed.Disconnect();
        await _peer!.StopAsync();
        await _peer.DisposeAsync();
        _peer = null;
    }

    /// <summary>A link worker over the harness's registry, store and fakes.</summary>
    public async Task<LinkWorker> WorkerAsync()
    {
        return new LinkWorker(_registry!.Peers["JPN"], await ServicesAsync());
    }

    /// <summary>What the links share, over the harness's registry, store and fakes.</summary>
    public async Task<LinkServices> ServicesAsync()
    {
        var self = new NodeSelf(_services!);
        await self.RunAsync(CancellationToken.None);
        var federation = Microsoft.Extensions.Options.Options.Create(FederationOptions());
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        return new LinkServices(_registry!, self, new InboundChecks(_registry!, self), new IndicatorsApplier(_services!),
            new LinkWithdrawals(_registry!, self, _services!), Store, Board,
            new LinkChannels(federation, options, TimeProvider.System), new OriginQuotas(options, TimeProvider.System), Audit,
            options, TimeProvider.System, NullLogger<LinkWorker>.Instance);
    }

    /// <summary>The registry follower (JPN with a gateway, FRA without).</summary>
    public PeerDirectory Registry => _registry!;

    /// <summary>The applier the links use, over this node's (fake) Indicators.</summary>
    public IndicatorsApplier Applier() => new(_services!);

    /// <summary>Closes and opens the store again, as a restarted service does.</summary>
    public async Task ReopenStoreAsync()
    {
        await Store.DisposeAsync();
        Store = new SqliteFederationStore(Path.Combine(_directory.Path, "federation"));
        await Store.OpenAsync(CancellationToken.None);
    }

    public LinkStatus? Status => Board.Get("JPN", LinkDirection.Inbound);

    /// <summary>Waits until <paramref name="condition"/> holds (10 s at most).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Audit is not null)
        {
            await Audit.StopAsync(CancellationToken.None);
            Audit.Dispose();
        }

        if (_registry is not null)
        {
            await _registry.StopAsync(CancellationToken.None);
            _registry.Dispose();
        }

        _services?.Dispose();
        await Store.DisposeAsync();
        if (_peer is not null)
        {
            await StopPeerAsync();
        }

        if (_node is not null)
        {
            await _node.StopAsync();
            await _node.DisposeAsync();
        }

        foreach (var nation in new[] { Deu, Jpn, Other })
        {
            nation.Dispose();
        }

        JpnKey.Dispose();
        FraKey.Dispose();
        KorKey.Dispose();
        _tokens.Dispose();
        _directory.Dispose();
    }

    private async Task StartNodeAsync(TestNation jpnCa)
    {
        var registry = new PeerRegistrySnapshot
        {
            Revision = 1,
            Peers =
            {
                new Peer { Nation = "JPN", Tier = Tier.Ally, CaCertificatePem = jpnCa.Ca.ExportCertificatePem(), Endpoint = $"https://localhost:{_peerPort}", SigningKeys = { JpnKey.PublicKey } },
                new Peer { Nation = "FRA", Tier = Tier.Ally, SigningKeys = { FraKey.PublicKey } },
            },
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(Indicators);
        builder.Services.AddSingleton(new NodePartners(registry));
        _node = builder.Build();
        _node.MapGrpcService<NodeIndicators>();
        _node.MapGrpcService<NodePartners>();
        await _node.StartAsync();

        _services = new NodeServices(Microsoft.Extensions.Options.Options.Create(FederationOptions()),
            Microsoft.Extensions.Options.Options.Create(new CallerIdentityOptions { Audience = TestTokens.Audience }));
        _registry = new PeerDirectory(_services, NullLogger<PeerDirectory>.Instance);
        await _registry.StartAsync(CancellationToken.None);
        await _registry.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Store.OpenAsync(CancellationToken.None);
        Audit = new LinkAudit(AuditSink, TimeProvider.System, NullLogger<LinkAudit>.Instance);
        await Audit.StartAsync(CancellationToken.None);
    }

    private FederationOptions FederationOptions()
    {
        var keyFile = Path.Combine(_directory.Path, "internal-key.pem");
        if (!File.Exists(keyFile))
        {
            File.WriteAllText(keyFile, _tokens.Internal.ExportPrivateKeyPem());
        }

        var node = _node?.Urls.First() ?? "http://127.0.0.1:1";
        return new FederationOptions
        {
            IndicatorsAddress = node,
            PartnersAddress = node,
            InternalKeyFile = keyFile,
            InternalIssuer = _tokens.Internal.Issuer,
            CertificateFile = Deu.NodeCertificateFile,
            KeyFile = Deu.NodeKeyFile,
        };
    }
}

/// <summary>An origin node's signing key, made at test time.</summary>
internal sealed class OriginKey(string nation) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private NodeSigningKey? _key;

    private NodeSigningKey Key => _key ??= NodeSigningKey.LoadOrCreate(_directory.Path);

    public ByteString PublicKey => ByteString.CopyFrom(Key.PublicKey);

    /// <summary>A new indicator's signed version (encoding v1), changed by <paramref name="change"/> before signing.</summary>
    public Indicator Sign(Action<Indicator>? change = null, ulong version = 1)
    {
        var indicator = ForeignVersions.Unsigned(nation, "node-1", version);
        indicator.Id = Guid.NewGuid().ToString();
        change?.Invoke(indicator);
        indicator.SensitiveDigest = ByteString.CopyFrom(IndicatorCanonicalEncoding.SensitiveDigest(indicator.Sensitive));
        Key.Sign(indicator);
        return indicator;
    }

    /// <summary>A withdrawal of <paramref name="version"/>'s indicator for <paramref name="grantee"/>, signed by this nation's node as sender.</summary>
    public Withdrawal Withdraw(Indicator version, string grantee = "DEU")
    {
        var withdrawal = new Withdrawal
        {
            Origin = version.Origin, IndicatorId = version.Id, Version = version.Version + 1,
            Sender = new Origin { Nation = nation, NodeId = "node-1" }, Grantee = grantee,
        };
        Key.SignWithdrawal(withdrawal);
        return withdrawal;
    }

    public void Dispose()
    {
        _key?.Dispose();
        _directory.Dispose();
    }
}
