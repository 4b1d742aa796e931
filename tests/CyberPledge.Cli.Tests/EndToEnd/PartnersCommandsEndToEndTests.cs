using CyberPledge.Cli.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Cli.Tests.EndToEnd;

/// <summary>
/// Every Partners admin RPC through the command line against real Partners and Indicators processes (services/Partners
/// must be built: its build output is bin/CONFIGURATION/net10.0/CyberPledge.Partners.dll), the role checks, and a
/// tampered audit record found by <c>audit verify</c>.
/// </summary>
public sealed partial class PartnersCommandsEndToEndTests : IAsyncLifetime, IDisposable
{
    private readonly PartnersNode _node = new();
    private readonly TemporaryDirectory _files = new();

    public Task InitializeAsync() => _node.InitializeAsync();

    public Task DisposeAsync() => _node.DisposeAsync();

    public void Dispose() => _files.Dispose();

    private string[] Admin => _node.As(_node.Tokens.Admin);

    [Fact]
    public async Task AdminCommands_PeerToRevokedAgreement_EachChangeAppliedAndAudited()
    {
        await Ok(Admin, "peers", "add", Write("jpn-peer.yaml", "nation: JPN\nname: Japan\ntier: partner\nendpoint: https://gateway.jpn.example:443\n"));
        await Ok(Admin, "peers", "add", Write("kor-peer.yaml", "nation: KOR\nname: South Korea\ntier: partner\n"));
        var peers = Parse<ListPeersResponse>(await Ok(Admin, "--json", "peers", "list"));
        Assert.Equal(["JPN", "KOR"], peers.Peers.Select(p => p.Nation).Order());
        await Ok(Admin, "peers", "remove", "KOR");
        Assert.Equal("JPN", Assert.Single(Parse<ListPeersResponse>(await Ok(Admin, "--json", "peers", "list")).Peers).Nation);

        var draft = Parse<SharingAgreement>(await Ok(Admin, "--json", "agreements", "create", Write("jpn.yaml", AgreementYaml("green"))));
        Assert.Equal(AgreementStatus.Draft, draft.Status);
        var fromTemplate = Parse<SharingAgreement>(await Ok(Admin, "--json", "agreements", "create", Write("jpn-2.yaml",
            "id: JPN-2026-02\ngrantee: JPN\ntier: partner\ntitle: baseline\n"), "--template", "partner"));
        Assert.Equal(Tlp.Green, fromTemplate.Rules.MaxTlp);
        var updated = Parse<SharingAgreement>(await Ok(Admin, "--json", "agreements", "update", "JPN-2026-01", Write("jpn-v2.yaml", AgreementYaml("amber"))));
        Assert.Equal(Tlp.Amber, updated.Rules.MaxTlp);
        Assert.True(updated.Version > draft.Version);

        var red = await SubmitAsync("red.evil.example", "red");
        await SubmitAsync("green.evil.example", "green");
        var preview = Parse<PreviewResponse>(await Ok(Admin, "--json", "agreements", "preview", "JPN-2026-01"));
        Assert.Equal(2ul, preview.Evaluated);
        Assert.Equal(preview.Evaluated, preview.Shared + preview.Withheld);
        Assert.Contains(preview.WithheldSamples, s => s.Indicator.Id == red);
        Assert.Contains("red[.]evil[.]example", await Ok(Admin, "agreements", "preview", "JPN-2026-01"), StringComparison.Ordinal);

        Assert.Equal(AgreementStatus.Active, Parse<SharingAgreement>(await Ok(Admin, "--json", "agreements", "activate", "JPN-2026-01")).Status);
        var explain = Parse<ExplainResponse>(await Ok(Admin, "--json", "agreements", "explain", red, "--grantee", "JPN"));
        Assert.False(explain.Allowed);
        Assert.NotEmpty(explain.Reason);
        Assert.Equal(AgreementStatus.Suspended, Parse<SharingAgreement>(await Ok(Admin, "--json", "agreements", "suspend", "JPN-2026-01", "--reason", "review")).Status);
        await Ok(Admin, "agreements", "activate", "JPN-2026-01");
        var revoked = Parse<SharingAgreement>(await Ok(Admin, "--json", "agreements", "revoke", "JPN-2026-01", "--reason", "ended"));
        Assert.Equal(AgreementStatus.Revoked, revoked.Status);

        var history = Parse<GetAgreementHistoryResponse>(await Ok(Admin, "--json", "agreements", "history", "JPN-2026-01"));
        Assert.Equal(
            [AgreementStatus.Draft, AgreementStatus.Draft, AgreementStatus.Active, AgreementStatus.Suspended, AgreementStatus.Active, AgreementStatus.Revoked],
            history.Versions.Select(v => v.Status));
        Assert.Equal(revoked, Parse<SharingAgreement>(await Ok(Admin, "--json", "agreements", "show", "JPN-2026-01")));
        var listed = Parse<ListAgreementsResponse>(await Ok(Admin, "--json", "agreements", "list", "--grantee", "JPN", "--status", "draft"));
        Assert.Equal("JPN-2026-02", Assert.Single(listed.Agreements).Id);

        var audit = Parse<ListAuditResponse>(await Ok(Admin, "--json", "audit", "list", "--subject", "agreement:JPN-2026-01"));
        Assert.Equal(6, audit.Records.Count);
        Assert.All(audit.Records, r => Assert.Contains("admin", r.Actor, StringComparison.Ordinal));
        var japan = Parse<ListAuditResponse>(await Ok(Admin, "--json", "audit", "list", "--grantee", "JPN")).Records;
        Assert.All(japan, r => Assert.Equal("JPN", r.Grantee));
        Assert.Equal(7, japan.Count(r => r.Subject.StartsWith("agreement:", StringComparison.Ordinal)));
        Assert.Contains("audit chain valid", await Ok(Admin, "audit", "verify"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeersWatch_PeerAddedAndRemoved_ALinePerSnapshotAndOneJsonMessagePerSnapshot()
    {
        await Ok(Admin, "peers", "add", Write("jpn-peer.yaml", "nation: JPN\nname: Japan\ntier: partner\n"));
        var output = new ConcurrentWriter();
        var json = new ConcurrentWriter();
        var error = new ConcurrentWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var watch = CyberPledgeCli.RunAsync([.. Admin, "peers", "watch"], CliRunner.Settings(output, error), stop.Token);
        var watchJson = CyberPledgeCli.RunAsync([.. Admin, "--json", "peers", "watch"], CliRunner.Settings(json, new ConcurrentWriter()), stop.Token);
        await output.WaitForAsync("1 peer(s): JPN v1", TimeSpan.FromSeconds(30));
        await json.WaitForAsync("\n", TimeSpan.FromSeconds(30));

        await Ok(Admin, "peers", "add", Write("kor-peer.yaml", "nation: KOR\nname: South Korea\ntier: partner\n"));
        await output.WaitForAsync("2 peer(s): JPN v1, KOR v1", TimeSpan.FromSeconds(30));
        await Ok(Admin, "peers", "remove", "JPN");
        await output.WaitForAsync("1 peer(s): KOR v1", TimeSpan.FromSeconds(30));
        while (json.Text.Count(c => c == '\n') < 3)
        {
            await Task.Delay(50, stop.Token);
        }
        await stop.CancelAsync();

        Assert.Equal(0, await watch.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, await watchJson.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("watching the peer registry", error.Text, StringComparison.Ordinal);
        var snapshots = json.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JsonParser.Default.Parse<PeerRegistrySnapshot>).ToList();
        Assert.Equal([["JPN"], ["JPN", "KOR"], ["KOR"]], snapshots.Select(s => s.Peers.Select(p => p.Nation).ToArray()));
        Assert.True(snapshots[0].Revision < snapshots[1].Revision && snapshots[1].Revision < snapshots[2].Revision);
    }

    [Fact]
    public async Task RoleChecks_PartnerAndAnonymousCallers_RefusedWithTheirStatus()
    {
        await Ok(Admin, "peers", "add", Write("jpn-peer.yaml", "nation: JPN\nname: Japan\ntier: partner\n"));
        await Ok(Admin, "agreements", "create", Write("jpn.yaml", AgreementYaml("green")));
        var japan = _node.As(_node.Tokens.For("partner:JPN"));
        var korea = _node.As(_node.Tokens.For("partner:KOR"));

        await Ok(japan, "agreements", "show", "JPN-2026-01");
        await Refused("PERMISSION_DENIED", japan, "agreements", "activate", "JPN-2026-01", "--expected-version", "1");
        await Refused("PERMISSION_DENIED", japan, "agreements", "update", "JPN-2026-01", Write("jpn-v2.yaml", AgreementYaml("amber")), "--expected-version", "1");
        await Refused("PERMISSION_DENIED", japan, "agreements", "preview", "JPN-2026-01");
        await Refused("PERMISSION_DENIED", korea, "agreements", "show", "JPN-2026-01");
        Assert.Empty(Parse<ListAgreementsResponse>(await Ok(korea, "--json", "agreements", "list")).Agreements);
        await Refused("UNAUTHENTICATED", _node.As(null), "agreements", "list");
        await Refused("UNAUTHENTICATED", _node.As(null), "peers", "list");
    }

    [Fact]
    public async Task AuditVerify_RecordTamperedInTheDatabase_ReportsTheFirstBrokenSequence()
    {
        await Ok(Admin, "peers", "add", Write("jpn-peer.yaml", "nation: JPN\nname: Japan\ntier: partner\n"));
        await Ok(Admin, "agreements", "create", Write("jpn.yaml", AgreementYaml("green")));
        await Ok(Admin, "agreements", "activate", "JPN-2026-01");
        Assert.Contains("valid: 3 record(s)", await Ok(Admin, "audit", "verify"), StringComparison.Ordinal);

        await _node.RestartPartnersAsync(() =>
        {
            using var connection = new SqliteConnection($"Data Source={_node.PartnersDatabase};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit SET actor = 'mallory (admin)' WHERE seq = 2";
            Assert.Equal(1, command.ExecuteNonQuery());
        });
        var result = await CliRunner.RunAsync([.. Admin, "audit", "verify"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken at sequence 2", result.Output, StringComparison.Ordinal);
        Assert.StartsWith("cyberpledge: audit chain broken at sequence 2", result.Error, StringComparison.Ordinal);
    }

    private static string AgreementYaml(string maxTlp) => $"""
        id: JPN-2026-01
        grantee: JPN
        tier: partner
        title: Japan, energy
        valid_from: 2026-01-01
        rules:
          max_tlp: {maxTlp}
          indicator_types: [domain, url, ipv4]
          sectors: [energy, finance, government]
          min_confidence: 0
          redactions: [reporting_organisation, internal_notes]
        """;

    private async Task<string> SubmitAsync(string domain, string tlp)
    {
        var file = Write(Guid.NewGuid().ToString("N") + ".csv", $"type,value,tlp,confidence,sectors\ndomain,{domain},{tlp},90,energy\n");
        return Parse<SubmitResponse>(await Ok(_node.As(_node.Tokens.Analyst), "--json", "indicators", "submit", file)).Results.Single().Id;
    }

    private static async Task<string> Ok(string[] globals, params string[] args)
    {
        var result = await CliRunner.RunAsync([.. globals, .. args]);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result}");
        return result.Output;
    }

    private static async Task Refused(string status, string[] globals, params string[] args)
    {
        var result = await CliRunner.RunAsync([.. globals, .. args]);
        Assert.True(result.ExitCode == 1, $"{string.Join(' ', args)}: {result}");
        Assert.StartsWith($"cyberpledge: {status}", result.Error, StringComparison.Ordinal);
    }

    private static T Parse<T>(string json) where T : IMessage<T>, new() => JsonParser.Default.Parse<T>(json);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_files.Path, name);
        File.WriteAllText(path, content);
        return path;
    }
}
