using CyberPledge.Cli.Output;
using CyberPledge.Cli.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Cli.Tests.Output;

/// <summary>TAXII connector sources and failures as tables (<c>taxii sources list|add|failures</c>).</summary>
public sealed class TaxiiTablesTests
{
    private static readonly TaxiiSource Failing = new()
    {
        Name = "opencti",
        CollectionUrl = "https://opencti.example/taxii2/root/collections/c1/",
        Authentication = "bearer",
        CustomCa = true,
        PollInterval = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)),
        State = TaxiiSourceState.Failing,
        AddedAfter = "2026-03-01T12:00:00.000000Z",
        Imported = 1200,
        Failed = 7,
        LastError = "HTTP 401 Unauthorized: [red]no[/] \u202Eevil",
        LastPoll = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 12, 5, 0, TimeSpan.Zero)),
        AddedBy = "alice (admin)",
    };

    [Fact]
    public void Sources_Table_StatePositionCountsAndErrorCleaned()
    {
        var text = CliRunner.Render(TaxiiTables.Sources([Failing]));

        Assert.Contains("opencti", text, StringComparison.Ordinal);
        Assert.Contains("failing", text, StringComparison.Ordinal);
        Assert.Contains("2026-03-01T12:00:00.000000Z", text, StringComparison.Ordinal);
        Assert.Contains("1200", text, StringComparison.Ordinal);
        Assert.Contains("[red]no[/] \uFFFDevil", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_Details_UrlDefanged_OnlyTheKindOfCredentials()
    {
        var text = CliRunner.Render(TaxiiTables.Source(Failing));

        Assert.DoesNotContain("https://opencti.example", text, StringComparison.Ordinal);
        Assert.Contains("bearer", text, StringComparison.Ordinal);
        Assert.Contains("alice (admin)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_Table_IdVersionAndReasonCleaned()
    {
        var text = CliRunner.Render(TaxiiTables.Failures([new TaxiiImportFailure
        {
            StixId = "malware--00000000-0000-4000-8000-000000000002",
            Version = "2026-01-01T00:00:00.000Z",
            Reason = "unsupported type malware\u2066",
            At = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)),
        }]));

        Assert.Contains("malware--00000000-0000-4000-8000-000000000002", text, StringComparison.Ordinal);
        Assert.Contains("unsupported type malware\uFFFD", text, StringComparison.Ordinal);
    }
}
