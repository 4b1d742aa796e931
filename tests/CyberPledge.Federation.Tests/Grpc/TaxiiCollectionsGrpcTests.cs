using CyberPledge.Federation.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Grpc.Core;
using static CyberPledge.Federation.Tests.Support.FeedData;

namespace CyberPledge.Federation.Tests.Grpc;

/// <summary>
/// ListTaxiiCollections on a composed Federation service: the node's own collection and one per grantee with an
/// agreement, each with what its callers may do; for this nation's staff only (SECURITY.md rule 1).
/// </summary>
public sealed class TaxiiCollectionsGrpcTests : IAsyncLifetime
{
    private FeedHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await FeedHost.StartAsync(Agreement("JPN", Tier.Partner), Agreement("DEU", Tier.Ally));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task List_AsAnalyst_NodeThenEachGrantee_WithTheirRights()
    {
        await ListEventuallyAsync(c => c.Count == 3);
        _host.Partners.Set(Agreement("DEU", Tier.Ally, version: 2, status: AgreementStatus.Suspended));

        var collections = await ListEventuallyAsync(c => c.Count == 3 && !c[1].CanRead);

        Assert.Equal(["", "DEU", "JPN"], collections.Select(c => c.Grantee));
        Assert.Equal([(true, true), (false, false), (true, false)], collections.Select(c => (c.CanRead, c.CanWrite)));
        Assert.Equal(3, collections.Select(c => c.Id).Distinct().Count());
        Assert.All(collections, c => Assert.Equal($"/taxii2/api1/collections/{c.Id}/", c.Path));
        Assert.Contains("JPN", collections[2].Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("partner:JPN")]
    [InlineData("node:JPN:jpn-1")]
    public async Task List_PeerOrPartner_PermissionDenied(string role)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _host.ClientFor(role).ListTaxiiCollectionsAsync(new ListTaxiiCollectionsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    /// <summary>The agreements reach Federation through Partners' watch: asked until the answer is as expected.</summary>
    private async Task<IReadOnlyList<TaxiiCollectionInfo>> ListEventuallyAsync(Func<IReadOnlyList<TaxiiCollectionInfo>, bool> expected)
    {
        var client = _host.ClientFor(Roles.Analyst);
        for (var attempt = 0; ; attempt++)
        {
            var collections = (await client.ListTaxiiCollectionsAsync(new ListTaxiiCollectionsRequest())).Collections;
            if (expected(collections) || attempt == 100)
            {
                return collections;
            }

            await Task.Delay(100);
        }
    }
}
