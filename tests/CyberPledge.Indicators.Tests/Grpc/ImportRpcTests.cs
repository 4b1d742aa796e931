using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests.Grpc;

/// <summary>Import and PromoteImported over gRPC: Federation imports, this nation's people promote (SECURITY.md rules 1 and 2).</summary>
public sealed class ImportRpcTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private InProcessHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static CallOptions Deadline() => new(deadline: DateTime.UtcNow + Patience);

    private static ImportRequest Request() => new() { Items = { IndicatorLedgerImportTests.Item() } };

    [Fact]
    public async Task Import_Federation_IsServedAndAnAnalystPromotesIt()
    {
        var federation = _host.ClientWith(_host.Tokens.Federation);

        var imported = (await federation.ImportAsync(Request(), Deadline())).Results[0];
        var promoted = await _host.Client.PromoteImportedAsync(new PromoteImportedRequest { Id = imported.Id, Note = "confirmed" }, Deadline());

        Assert.Equal(ImportOutcome.Created, imported.Outcome);
        Assert.Equal("test-analyst (analyst)", promoted.Imported.PromotedBy);
    }

    [Theory]
    [InlineData("analyst")]
    [InlineData("admin")]
    [InlineData("service:partners")]
    [InlineData("node:FRA:paris")]
    public async Task Import_NotFederation_IsPermissionDenied(string role)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.ClientWith(_host.Tokens.For(role)).ImportAsync(Request(), Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Theory]
    [InlineData("service:federation")]
    [InlineData("partner:JPN")]
    public async Task PromoteImported_NotThisNationsPeople_IsPermissionDenied(string role)
    {
        var imported = (await _host.ClientWith(_host.Tokens.Federation).ImportAsync(Request(), Deadline())).Results[0];

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.ClientWith(_host.Tokens.For(role))
            .PromoteImportedAsync(new PromoteImportedRequest { Id = imported.Id }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task PromoteImported_Twice_IsFailedPrecondition()
    {
        var imported = (await _host.ClientWith(_host.Tokens.Federation).ImportAsync(Request(), Deadline())).Results[0];
        await _host.Client.PromoteImportedAsync(new PromoteImportedRequest { Id = imported.Id }, Deadline());

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Client.PromoteImportedAsync(new PromoteImportedRequest { Id = imported.Id }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }
}
