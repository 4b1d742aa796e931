using CyberPledge.Partners.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PartnersClient = CyberPledge.V1.Partners.PartnersClient;

namespace CyberPledge.Partners.Tests.Audit;

/// <summary>RecordTaxiiEvents: Federation's TAXII events (a source added or removed, objects posted) in the audit log, one record each.</summary>
public sealed class TaxiiAuditTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private PartnersHost _host = null!;

    private PartnersClient Federation => _host.ClientWith(_host.Tokens.Federation);

    public async Task InitializeAsync() => _host = await PartnersHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static TaxiiEvent Added() => new()
    {
        Kind = TaxiiEventKind.SourceAdded,
        At = Timestamp.FromDateTimeOffset(Monday),
        Actor = "alice (admin)",
        Name = "cert-eu",
        Target = "https://taxii.example/api1/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/",
    };

    private static TaxiiEvent Posted() => new()
    {
        Kind = TaxiiEventKind.ObjectsPosted,
        At = Timestamp.FromDateTimeOffset(Monday.AddMinutes(5)),
        Actor = "bob (analyst)",
        Name = "2d1c5b6e-8a8f-4c4e-9a59-0c1f8e0b8a11",
        Target = "c0d6b1f4-2b1e-4a5e-8b3c-0f8d6e2a7b19",
        Objects = 12,
    };

    private static TaxiiEvent Removed() => new()
    {
        Kind = TaxiiEventKind.SourceRemoved,
        At = Timestamp.FromDateTimeOffset(Monday.AddHours(1)),
        Actor = "alice (admin)",
        Name = "cert-eu",
    };

    [Fact]
    public async Task RecordTaxiiEvents_AddedPostedRemoved_OneChainedRecordEachNamingThePersonThroughTheService()
    {
        var response = await Federation.RecordTaxiiEventsAsync(new RecordTaxiiEventsRequest { Events = { Added(), Posted(), Removed() } });

        Assert.Equal(2ul, response.LastSequence - response.FirstSequence);
        var records = (await _host.Analyst.ListAuditAsync(new ListAuditRequest { Action = "taxii." })).Records;
        Assert.Equal(["taxii.source.added", "taxii.objects.posted", "taxii.source.removed"], records.Select(r => r.Action));
        Assert.Equal(["taxii-source:cert-eu", "taxii-status:" + Posted().Name, "taxii-source:cert-eu"], records.Select(r => r.Subject));
        Assert.Equal(Posted(), JsonParser.Default.Parse<TaxiiEvent>(records[1].After));
        Assert.StartsWith("bob (analyst) via test-service", records[1].Actor, StringComparison.Ordinal);
        Assert.Equal(Monday.AddHours(1), records[2].At.ToDateTimeOffset());
        Assert.True((await _host.Analyst.VerifyAuditAsync(new VerifyAuditRequest())).Valid);
    }

    [Fact]
    public async Task RecordTaxiiEvents_Admin_IsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _host.Admin.RecordTaxiiEventsAsync(new RecordTaxiiEventsRequest { Events = { Added() } }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    public static TheoryData<string, Action<TaxiiEvent>> Invalid => new()
    {
        { "events[1].kind:", e => e.Kind = TaxiiEventKind.Unspecified },
        { "events[1].at:", e => e.At = null },
        { "events[1].actor: required", e => e.Actor = "" },
        { "events[1].actor: control", e => e.Actor = "alice\u202E (admin)" },
        { "events[1].name:", e => e.Name = "no spaces" },
        { "events[1].target: required", e => e.Target = "" },
        { "events[1].objects:", e => e.Objects = 0 },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task RecordTaxiiEvents_InvalidEvent_IsInvalidArgumentNamingItAndNothingRecorded(string message, Action<TaxiiEvent> spoil)
    {
        var bad = Posted();
        spoil(bad);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Federation.RecordTaxiiEventsAsync(new RecordTaxiiEventsRequest { Events = { Added(), bad } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(message, error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await _host.Analyst.ListAuditAsync(new ListAuditRequest { Action = "taxii." })).Records);
    }
}
