using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CyberPledge.AppHost.Tests.EndToEnd;

/// <summary>
/// The issue's "done when": the default federation through AppHost as real processes, driven by grpc-js with nothing
/// but the connection file.
/// </summary>
public sealed partial class FederationEndToEndTests(AppHostFederation federation) : IClassFixture<AppHostFederation>
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Submit_AtAnAlly_ArrivesAtTheOtherAlliesAndRedactedAtThePartnerOnlyWhereAllowed()
    {
        var client = federation.Client;
        var run = Guid.NewGuid().ToString("N")[..8];
        // DEU's own: to the allies; never to JPN, which is linked to NLD only, under an agreement without re-sharing.
        var fromGermany = $"c2.deu-{run}.example";
        await SubmitAsync("DEU", Green(fromGermany));
        await client.WaitForAsync("NLD", fromGermany, Arrival);
        await client.WaitForAsync("POL", fromGermany, Arrival);

        // NLD's: GREEN energy passes the partner baseline, AMBER does not; the marker comes after both in NLD's feed.
        var green = $"c2.nld-{run}.example";
        var amber = $"http://dl.nld-{run}.example/payload.bin";
        var marker = $"marker.nld-{run}.example";
        await SubmitAsync("NLD", Green(green), new
        {
            type = "INDICATOR_TYPE_URL", value = amber, tlp = "TLP_AMBER", confidence = 90, severity = "SEVERITY_CRITICAL",
            sectors = new[] { "SECTOR_ENERGY" }, reportingOrganisation = "CSIRT NLD desk 3",
        });
        await SubmitAsync("NLD", Green(marker));

        foreach (var ally in new[] { "DEU", "POL" })
        {
            var copy = await client.WaitForAsync(ally, green, Arrival);
            Assert.Equal("CSIRT NLD desk 3", copy.GetProperty("sensitive").GetProperty("reportingOrganisation").GetString());
            await client.WaitForAsync(ally, amber, Arrival);
        }

        var partnerCopy = await client.WaitForAsync("JPN", green, Arrival);
        Assert.Equal("NLD", partnerCopy.GetProperty("origin").GetProperty("nation").GetString());
        Assert.Equal("energy grid C2", partnerCopy.GetProperty("description").GetString());
        // Redacted by the partner baseline: the reporting organisation and internal notes never reach Japan.
        Assert.True(partnerCopy.GetProperty("sensitive").ValueKind == JsonValueKind.Null
            || string.IsNullOrEmpty(partnerCopy.GetProperty("sensitive").GetProperty("reportingOrganisation").GetString()));
        Assert.DoesNotContain("CSIRT NLD", partnerCopy.GetRawText(), StringComparison.Ordinal);

        await client.WaitForAsync("JPN", marker, Arrival);
        Assert.Empty(await client.QueryAsync("JPN", amber));
        Assert.Empty(await client.QueryAsync("JPN", fromGermany));
    }

    [Fact]
    public async Task SigKill_OfAService_AppHostStartsItAgainAndTheFederationCatchesUpWithNothingLost()
    {
        var client = federation.Client;
        var killed = federation.ProcessId("DEU", "indicators") ?? throw new InvalidOperationException("DEU indicators does not run");
        using (var process = Process.GetProcessById(killed))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        // Submitted while DEU cannot store anything: its link from NLD fails until Indicators is back, then resumes from its cursor.
        var run = Guid.NewGuid().ToString("N")[..8];
        var values = Enumerable.Range(1, 5).Select(i => $"c2-{i}.while-down-{run}.example").ToList();
        await SubmitAsync("NLD", [.. values.Select(Green)]);

        await federation.AppHost.WaitForLineAsync(RestartLine(), TimeSpan.FromSeconds(60));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (federation.ProcessId("DEU", "indicators") is not { } restarted || restarted == killed)
        {
            Assert.True(DateTime.UtcNow < deadline, "AppHost did not start DEU's Indicators again");
            await Task.Delay(200);
        }

        foreach (var value in values)
        {
            await client.WaitForAsync("DEU", value, Arrival);
            var copies = await client.QueryAsync("DEU", value);
            Assert.Equal("1", Assert.Single(copies).GetProperty("version").GetString());
        }
        foreach (var value in values)
        {
            await client.WaitForAsync("POL", value, Arrival);
        }
    }

    [Fact]
    public async Task SecondRun_OnTheSameRunDirectory_ResumesWithWhatTheFirstMade()
    {
        var client = federation.Client;
        var before = $"c2.before-restart-{Guid.NewGuid():N}.example";
        await SubmitAsync("POL", Green(before));
        await client.WaitForAsync("NLD", before, Arrival);
        var peers = await PeerVersionsAsync("NLD");

        var (exitCode, firstRun) = await federation.RestartAsync();

        Assert.Equal(0, exitCode);
        Assert.Matches(StoppedLine(), firstRun);
        // The registry as the first run left it (no entry made or changed again), the stores reused, the links running.
        Assert.Equal(peers, await PeerVersionsAsync("NLD"));
        Assert.Single(await client.QueryAsync("NLD", before));
        var after = $"c2.after-restart-{Guid.NewGuid():N}.example";
        await SubmitAsync("POL", Green(after));
        await client.WaitForAsync("NLD", after, Arrival);
    }

    private static object Green(string domain) => new
    {
        type = "INDICATOR_TYPE_DOMAIN", value = domain, tlp = "TLP_GREEN", confidence = 80, severity = "SEVERITY_HIGH",
        sectors = new[] { "SECTOR_ENERGY" }, description = "energy grid C2",
        reportingOrganisation = "CSIRT NLD desk 3", internalNotes = "ticket 4711",
    };

    private async Task SubmitAsync(string nation, params object[] indicators)
    {
        var answer = await federation.Client.CallAsync(nation, "analyst", "cyberpledge.v1.Indicators/Submit", new { indicators });
        Assert.All(answer.GetProperty("results").EnumerateArray(), r => Assert.Equal("SUBMIT_OUTCOME_CREATED", r.GetProperty("outcome").GetString()));
    }

    private async Task<string> PeerVersionsAsync(string nation)
    {
        var answer = await federation.Client.CallAsync(nation, "admin", "cyberpledge.v1.Partners/ListPeers", new { });
        return string.Join(", ", answer.GetProperty("peers").EnumerateArray()
            .Select(p => $"{p.GetProperty("nation").GetString()} v{p.GetProperty("version").GetString()} {p.GetProperty("endpoint").GetString()}").Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^DEU indicators\s+\| apphost: exited unasked")]
    private static partial Regex RestartLine();

    [GeneratedRegex(@"(?m)^apphost\s+\| stopped$")]
    private static partial Regex StoppedLine();
}
