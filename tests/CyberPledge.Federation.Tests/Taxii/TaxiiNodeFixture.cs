using CyberPledge.Federation.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;

namespace CyberPledge.Federation.Tests.Taxii;

/// <summary>
/// The Netherlands' node as real processes with data in its TAXII collections, and a partner agreement for Japan
/// (GREEN at most; IPv4, domains and CVEs; descriptions redacted). What is submitted, and so what each caller must see:
/// 12 GREEN IPv4 (one of them then revoked: a second version), 4 AMBER and 2 RED IPv4, 2 GREEN domains, 2 GREEN e-mail
/// addresses and 1 GREEN CVE.
/// </summary>
public sealed class TaxiiNodeFixture : IAsyncLifetime
{
    private TestFederation? _federation;

    public TestNode Node => _federation!["NLD"];

    /// <summary>The indicator ids this node's staff see (every one), and those Japan's agreement grants.</summary>
    public List<string> AllIds { get; } = [];

    public List<string> PartnerIds { get; } = [];

    public string RevokedId { get; private set; } = "";

    /// <summary>How long NLD's gateway reuses a successful Basic check (60 s by default): short, so a revocation shows soon.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(3);

    internal PythonTaxiiClient Client(string? token) => new(Node.Gateway.Address, Node.Identity.CaFile, token);

    /// <summary>A client signing in with HTTP Basic.</summary>
    internal PythonTaxiiClient Basic(string username, string password, string? source = null) =>
        new(Node.Gateway.Address, Node.Identity.CaFile, null, (username, password), source);

    internal PythonTaxiiClient Analyst() => Client(Node.UserToken("alice", Roles.Analyst));

    internal PythonTaxiiClient Partner() => Client(Node.PartnerToken());

    public async Task InitializeAsync()
    {
        _federation = await TestFederation.StartAsync(
            new TestNodeOptions { Nation = "NLD", StartFederation = true, GatewaySettings = new Dictionary<string, string?>
                {
                    ["Gateway__TaxiiBasic__CacheLifetime"] = CacheLifetime.ToString(),
                },
            },
            new TestNodeOptions { Nation = "JPN", StartFederation = true });
        await _federation.GrantAsync("NLD", "JPN", Tier.Partner, new AgreementRules
        {
            MaxTlp = Tlp.Green,
            IndicatorTypes = { IndicatorType.Ipv4, IndicatorType.Domain, IndicatorType.Cve },
            Sectors = { Sector.Energy },
            Redactions = { RedactableField.Description },
        });

        var submissions = new List<(IndicatorSubmission Submission, bool Partner)>();
        submissions.AddRange(Enumerable.Range(1, 12).Select(i => (Submission(IndicatorType.Ipv4, $"198.51.100.{i}", Tlp.Green), true)));
        submissions.AddRange(Enumerable.Range(1, 4).Select(i => (Submission(IndicatorType.Ipv4, $"203.0.113.{i}", Tlp.Amber), false)));
        submissions.AddRange(Enumerable.Range(1, 2).Select(i => (Submission(IndicatorType.Ipv4, $"192.0.2.{i}", Tlp.Red), false)));
        submissions.AddRange(Enumerable.Range(1, 2).Select(i => (Submission(IndicatorType.Domain, $"c2-{i}.example", Tlp.Green), true)));
        submissions.AddRange(Enumerable.Range(1, 2).Select(i => (Submission(IndicatorType.Email, $"phish{i}@example.org", Tlp.Green), false)));
        submissions.Add((Submission(IndicatorType.Cve, "CVE-2024-3400", Tlp.Green), true));

        using var channel = Node.GatewayChannel();
        var analyst = NodeCalls.Analyst(Node, channel);
        foreach (var (submission, partner) in submissions)
        {
            // One at a time, so each is its own version in feed order.
            var result = (await analyst.SubmitAsync(new SubmitRequest { Indicators = { submission } })).Results.Single();
            Assert.True(result.Error.Length == 0, result.Error);
            AllIds.Add(result.Id);
            if (partner)
            {
                PartnerIds.Add(result.Id);
            }
        }

        RevokedId = AllIds[3];
        await analyst.RevokeAsync(new RevokeRequest { Id = RevokedId });
    }

    public async Task DisposeAsync()
    {
        if (_federation is not null)
        {
            await _federation.DisposeAsync();
        }
    }

    private static IndicatorSubmission Submission(IndicatorType type, string value, Tlp tlp) => new()
    {
        Type = type,
        Value = value,
        Tlp = tlp,
        Confidence = 80,
        Severity = Severity.High,
        Sectors = { Sector.Energy },
        Description = "seen against the energy sector",
    };
}

/// <summary>The test classes that share one <see cref="TaxiiNodeFixture"/> (one node start for all of them).</summary>
[CollectionDefinition(Name)]
public sealed class TaxiiNodeCollection : ICollectionFixture<TaxiiNodeFixture>
{
    public const string Name = "taxii-node";
}
