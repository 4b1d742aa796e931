using CyberPledge.Federation.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Google.Protobuf;
using Grpc.Core;

namespace CyberPledge.Federation.Tests.Grpc;

/// <summary>
/// The connector's RPCs on a composed Federation service: who may call which (SECURITY.md rule 1), secrets never
/// answered back, and precise errors.
/// </summary>
public sealed class TaxiiSourcesGrpcTests : IAsyncLifetime
{
    private const string Url = "https://127.0.0.1:1/api1/collections/c1/";

    private FeedHost _host = null!;

    public async Task InitializeAsync() => _host = await FeedHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Add_AsAdmin_StoredWithoutItsSecret_ListedToAnalysts()
    {
        var added = await Admin().AddTaxiiSourceAsync(new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url, Username = "svc", Password = "s3cret-pass" });
        var listed = await Client(Roles.Analyst).ListTaxiiSourcesAsync(new ListTaxiiSourcesRequest());

        Assert.Equal(("nld", "basic", 300.0), (added.Name, added.Authentication, added.PollInterval.ToTimeSpan().TotalSeconds));
        Assert.Equal("test-peer (admin)", added.AddedBy);
        Assert.Equal("nld", listed.Sources.Single().Name);
        Assert.DoesNotContain("s3cret-pass", JsonFormatter.Default.Format(listed), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", JsonFormatter.Default.Format(added), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData("partner:JPN")]
    [InlineData("node:JPN:jpn-1")]
    public async Task AddAndRemove_NotAdmin_PermissionDenied(string role)
    {
        var add = await Assert.ThrowsAsync<RpcException>(() => Client(role).AddTaxiiSourceAsync(new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url }).ResponseAsync);
        var remove = await Assert.ThrowsAsync<RpcException>(() => Client(role).RemoveTaxiiSourceAsync(new RemoveTaxiiSourceRequest { Name = "nld" }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, add.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, remove.StatusCode);
    }

    [Theory]
    [InlineData("partner:JPN")]
    [InlineData("node:JPN:jpn-1")]
    public async Task ListAndFailures_PeerOrPartner_PermissionDenied(string role)
    {
        var list = await Assert.ThrowsAsync<RpcException>(() => Client(role).ListTaxiiSourcesAsync(new ListTaxiiSourcesRequest()).ResponseAsync);
        var failures = await Assert.ThrowsAsync<RpcException>(() =>
            Client(role).ListTaxiiImportFailuresAsync(new ListTaxiiImportFailuresRequest { Source = "nld" }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, list.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, failures.StatusCode);
    }

    [Fact]
    public async Task Errors_NamedPrecisely()
    {
        await Admin().AddTaxiiSourceAsync(new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url });

        await AssertStatus(StatusCode.AlreadyExists, "name:", Admin().AddTaxiiSourceAsync(new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "collection_url:",
            Admin().AddTaxiiSourceAsync(new AddTaxiiSourceRequest { Name = "other", CollectionUrl = "http://127.0.0.1:1/api1/collections/c1/" }).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "no source", Admin().RemoveTaxiiSourceAsync(new RemoveTaxiiSourceRequest { Name = "missing" }).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "no source",
            Admin().ListTaxiiImportFailuresAsync(new ListTaxiiImportFailuresRequest { Source = "missing" }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "limit:",
            Admin().ListTaxiiImportFailuresAsync(new ListTaxiiImportFailuresRequest { Source = "nld", Limit = 1001 }).ResponseAsync);
        await Admin().RemoveTaxiiSourceAsync(new RemoveTaxiiSourceRequest { Name = "nld" });
        Assert.Empty((await Admin().ListTaxiiSourcesAsync(new ListTaxiiSourcesRequest())).Sources);
    }

    [Fact]
    public async Task AddAndRemove_EachRecordedInPartnersAuditLogWithTheAdministrator()
    {
        await Admin().AddTaxiiSourceAsync(new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url, BearerToken = "t0ken" });
        await Admin().RemoveTaxiiSourceAsync(new RemoveTaxiiSourceRequest { Name = "nld" });

        var events = _host.Partners.TaxiiEvents;
        Assert.Equal([TaxiiEventKind.SourceAdded, TaxiiEventKind.SourceRemoved], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal(("test-peer (admin)", "nld"), (e.Actor, e.Name)));
        Assert.Equal(Url, events[0].Target);
        Assert.DoesNotContain("t0ken", JsonFormatter.Default.Format(events[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAndRemove_AuditLogUnavailable_UnavailableAndNothingChanged()
    {
        await Admin().AddTaxiiSourceAsync(new AddTaxiiSourceRequest { Name = "kept", CollectionUrl = Url });
        _host.Partners.TaxiiRefusal = StatusCode.Unavailable;

        await AssertStatus(StatusCode.Unavailable, "the audit log", Admin().AddTaxiiSourceAsync(new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url }).ResponseAsync);
        await AssertStatus(StatusCode.Unavailable, "the audit log", Admin().RemoveTaxiiSourceAsync(new RemoveTaxiiSourceRequest { Name = "kept" }).ResponseAsync);

        Assert.Equal(["kept"], (await Admin().ListTaxiiSourcesAsync(new ListTaxiiSourcesRequest())).Sources.Select(s => s.Name));
        _host.Partners.TaxiiRefusal = null;
        await Admin().AddTaxiiSourceAsync(new AddTaxiiSourceRequest { Name = "nld", CollectionUrl = Url });
    }

    private static async Task AssertStatus(StatusCode code, string detail, Task call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(code, e.StatusCode);
        Assert.StartsWith(detail, e.Status.Detail, StringComparison.Ordinal);
    }

    private V1.Federation.FederationClient Admin() => Client(Roles.Admin);

    private V1.Federation.FederationClient Client(string role) => _host.ClientFor(role);
}
