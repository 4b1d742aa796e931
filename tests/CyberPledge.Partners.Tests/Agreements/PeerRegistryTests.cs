using CyberPledge.Partners.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf;
using Grpc.Core;

namespace CyberPledge.Partners.Tests.Agreements;

/// <summary>The registry of peers over gRPC: validation, versions and removal.</summary>
public sealed class PeerRegistryTests : IAsyncLifetime
{
    private PartnersHost _host = null!;

    public async Task InitializeAsync() => _host = await PartnersHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AddPeer_Alpha2Nation_StoredAsAlpha3WithVersionOneAndLowerCaseFingerprint()
    {
        var peer = TestData.Peer("KR");

        var added = await _host.Admin.AddPeerAsync(new AddPeerRequest { Peer = peer });

        Assert.Equal(("KOR", 1ul, new string('a', 64)), (added.Nation, added.Version, added.PinnedCertificateSha256));
        Assert.Equal(added, await _host.Analyst.GetPeerAsync(new GetPeerRequest { Nation = "KOR" }));
    }

    [Theory]
    [InlineData("peer.ca_certificate_pem")]
    [InlineData("peer.pinned_certificate_sha256")]
    [InlineData("peer.signing_keys[0]")]
    [InlineData("peer.endpoint")]
    [InlineData("peer.nation")]
    public async Task AddPeer_BadField_InvalidArgumentNamingIt(string field)
    {
        var peer = TestData.Peer();
        switch (field)
        {
            case "peer.ca_certificate_pem": peer.CaCertificatePem = TestData.CaCertificatePem("CN=leaf", isCa: false); break;
            case "peer.pinned_certificate_sha256": peer.PinnedCertificateSha256 = "abc"; break;
            case "peer.signing_keys[0]": peer.SigningKeys[0] = ByteString.CopyFromUtf8("not a key"); break;
            case "peer.endpoint": peer.Endpoint = "gateway.example"; break;
            default: peer.Nation = "XY1"; break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Admin.AddPeerAsync(new AddPeerRequest { Peer = peer }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdatePeer_StaleVersion_FailedPreconditionThenRemoveAndNotFound()
    {
        var added = await _host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer() });
        added.Name = "Japan";
        var updated = await _host.Admin.UpdatePeerAsync(new UpdatePeerRequest { Peer = added, ExpectedVersion = 1 });

        var stale = await Assert.ThrowsAsync<RpcException>(() => _host.Admin.UpdatePeerAsync(new UpdatePeerRequest { Peer = added, ExpectedVersion = 1 }).ResponseAsync);
        var duplicate = await Assert.ThrowsAsync<RpcException>(() => _host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer() }).ResponseAsync);
        await _host.Admin.RemovePeerAsync(new RemovePeerRequest { Nation = "JPN" });
        var gone = await Assert.ThrowsAsync<RpcException>(() => _host.Analyst.GetPeerAsync(new GetPeerRequest { Nation = "JPN" }).ResponseAsync);

        Assert.Equal((2ul, "Japan"), (updated.Version, updated.Name));
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
    }
}
