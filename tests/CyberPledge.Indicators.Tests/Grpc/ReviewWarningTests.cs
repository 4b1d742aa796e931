using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests.Grpc;

/// <summary>ReviewWarning over gRPC: this nation's people only (SECURITY.md rules 1 and 4), the reviewer named from the token.</summary>
public sealed class ReviewWarningTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ForeignOrigin _france = new();
    private InProcessHost _host = null!;
    private Indicator _flagged = null!;

    public async Task InitializeAsync()
    {
        _host = await InProcessHost.StartAsync();
        var version = ForeignVersions.Unsigned();
        version.Type = IndicatorType.Ipv4;
        version.Value = "8.8.8.8";
        _flagged = _france.Sign(version);
        var federation = _host.ClientWith(_host.Tokens.Federation);
        var applied = await federation.ApplyForeignVersionAsync(new ApplyForeignVersionRequest { Indicator = _flagged, OriginPublicKey = _france.PublicKey }, Deadline());
        Assert.True(applied.Flagged);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _france.Dispose();
    }

    private static CallOptions Deadline() => new(deadline: DateTime.UtcNow + Patience);

    private ReviewWarningRequest Confirm() => new() { Id = _flagged.Id, Version = 1, State = WarningState.Confirmed, Note = "seen in our own sensors" };

    [Fact]
    public async Task ReviewWarning_Analyst_ConfirmsAndIsNamedAsReviewer()
    {
        var reviewed = await _host.Client.ReviewWarningAsync(Confirm(), Deadline());

        Assert.Equal(WarningState.Confirmed, reviewed.Warning.State);
        Assert.Equal("test-analyst (analyst)", reviewed.Warning.ReviewedBy);
        var page = await _host.Client.QueryAsync(new QueryRequest { Warnings = WarningFilter.ExcludeUnconfirmed }, Deadline());
        Assert.Equal([_flagged.Id], page.Indicators.Select(i => i.Id));
    }

    [Fact]
    public async Task ReviewWarning_Admin_IsServed()
    {
        var admin = _host.ClientWith(_host.Tokens.Admin);

        var reviewed = await admin.ReviewWarningAsync(Confirm(), Deadline());

        Assert.Equal(WarningState.Confirmed, reviewed.Warning.State);
    }

    [Theory]
    [InlineData("service:federation")]
    [InlineData("service:partners")]
    [InlineData("partner:JPN")]
    [InlineData("node:FRA:paris")]
    public async Task ReviewWarning_NotThisNationsPeople_IsPermissionDenied(string role)
    {
        var other = _host.ClientWith(_host.Tokens.For(role));

        var error = await Assert.ThrowsAsync<RpcException>(() => other.ReviewWarningAsync(Confirm(), Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(WarningState.Unconfirmed, (await _host.Client.GetAsync(new GetRequest { Id = _flagged.Id }, Deadline())).Warning.State);
    }

    [Fact]
    public async Task ReviewWarning_Anonymous_IsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Anonymous.ReviewWarningAsync(Confirm(), Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task ReviewWarning_WrongVersion_IsFailedPrecondition()
    {
        var request = Confirm();
        request.Version = 2;

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Client.ReviewWarningAsync(request, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("version: the flag is for version 1: review that version", error.Status.Detail);
    }

    [Theory]
    [InlineData("10.0.0.0/7", "value: an IPv4 network shorter than /8 is too broad to be an indicator (SECURITY.md rule 4)")]
    [InlineData("0.0.0.0/0", "value: an IPv4 network shorter than /8 is too broad to be an indicator (SECURITY.md rule 4)")]
    [InlineData("2001::/15", "value: an IPv6 network shorter than /16 is too broad to be an indicator (SECURITY.md rule 4)")]
    [InlineData("10.0.0.0/8", "")]
    [InlineData("2001:db8::/16", "")]
    public async Task Submit_ShortCidr_IsRefusedNamingTheField(string cidr, string error)
    {
        var submission = new IndicatorSubmission { Type = IndicatorType.Cidr, Value = cidr, Tlp = Tlp.Green };

        var result = Assert.Single((await _host.Client.SubmitAsync(new SubmitRequest { Indicators = { submission } }, Deadline())).Results);

        Assert.Equal((error.Length > 0 ? SubmitOutcome.Rejected : SubmitOutcome.Created, error), (result.Outcome, result.Error));
        Assert.Equal(error.Length > 0 ? (int)StatusCode.InvalidArgument : 0, result.StatusCode);
    }
}
