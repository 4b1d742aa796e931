using CyberPledge.Partners.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PartnersClient = CyberPledge.V1.Partners.PartnersClient;

namespace CyberPledge.Partners.Tests.Audit;

/// <summary>RecordLinkEvents: Federation's link events (rejections in aggregate, a cut, an enable) in the audit log, one record each.</summary>
public sealed class LinkAuditTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private PartnersHost _host = null!;

    private PartnersClient Federation => _host.ClientWith(_host.Tokens.Federation);

    public async Task InitializeAsync() => _host = await PartnersHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static LinkEvent Rejections() => new()
    {
        Kind = LinkEventKind.Rejections,
        Nation = "JPN",
        At = Timestamp.FromDateTimeOffset(Monday.AddMinutes(1)),
        WindowStart = Timestamp.FromDateTimeOffset(Monday),
        Rejections = { new RejectionCount { Reason = "BadSignature", Count = 97 }, new RejectionCount { Reason = "UnknownOrigin", Count = 3 } },
    };

    private static LinkEvent Cut() => new()
    {
        Kind = LinkEventKind.Cut,
        Nation = "JPN",
        At = Timestamp.FromDateTimeOffset(Monday.AddMinutes(1)),
        Reason = "cut after 100 rejected versions within 00:01:00",
    };

    private static LinkEvent Enabled() => new()
    {
        Kind = LinkEventKind.Enabled,
        Nation = "JPN",
        At = Timestamp.FromDateTimeOffset(Monday.AddHours(2)),
        Actor = "alice (admin)",
    };

    [Fact]
    public async Task RecordLinkEvents_RejectionsCutAndEnable_OneChainedRecordEachUnderTheLinkNamingTheAdministrator()
    {
        var response = await Federation.RecordLinkEventsAsync(new RecordLinkEventsRequest { Events = { Rejections(), Cut(), Enabled() } });

        Assert.Equal(2ul, response.LastSequence - response.FirstSequence);
        var records = (await _host.Analyst.ListAuditAsync(new ListAuditRequest { Action = "link." })).Records;
        Assert.Equal(["link.rejections", "link.cut", "link.enabled"], records.Select(r => r.Action));
        Assert.All(records, r => Assert.Equal("link:JPN", r.Subject));
        Assert.Equal(Rejections(), JsonParser.Default.Parse<LinkEvent>(records[0].After));
        Assert.StartsWith("alice (admin) via test-service", records[2].Actor, StringComparison.Ordinal);
        Assert.StartsWith("test-service", records[1].Actor, StringComparison.Ordinal);
        Assert.Equal(Monday.AddHours(2), records[2].At.ToDateTimeOffset());
        Assert.True((await _host.Analyst.VerifyAuditAsync(new VerifyAuditRequest())).Valid);
    }

    [Fact]
    public async Task RecordLinkEvents_Admin_IsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _host.Admin.RecordLinkEventsAsync(new RecordLinkEventsRequest { Events = { Enabled() } }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    public static TheoryData<string, Action<LinkEvent>> Invalid => new()
    {
        { "events[1].kind:", e => e.Kind = LinkEventKind.Unspecified },
        { "events[1].nation:", e => e.Nation = "Japan" },
        { "events[1].at:", e => e.At = null },
        { "events[1].rejections: required", e => e.Kind = LinkEventKind.Rejections },
        { "events[1].rejections[0].reason: control", e => e.Rejections.Add(new RejectionCount { Reason = "Bad\u202ESignature", Count = 1 }) },
        { "events[1].actor: required", e => e.Actor = "" },
        { "events[1].reason: longer than 256", e => e.Reason = new string('r', 257) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task RecordLinkEvents_InvalidEvent_IsInvalidArgumentNamingItAndNothingRecorded(string message, Action<LinkEvent> spoil)
    {
        var bad = Enabled();
        spoil(bad);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Federation.RecordLinkEventsAsync(new RecordLinkEventsRequest { Events = { Cut(), bad } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(message, error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await _host.Analyst.ListAuditAsync(new ListAuditRequest { Action = "link." })).Records);
    }
}
