using System.Diagnostics;
using CyberPledge.Federation.Registry;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static CyberPledge.Federation.Tests.Support.FeedData;

namespace CyberPledge.Federation.Tests.Serving;

public sealed class FeedServerLifecycleTests
{
    private static readonly TimeSpan Embargo = TimeSpan.FromHours(1);

    [Fact]
    public async Task Subscribe_AgreementSuspendedMidStream_EndsPermissionDeniedWithinOneSecond()
    {
        await using var host = await FeedHost.StartAsync(Agreement("DEU", Tier.Ally));
        await SubmitAsync(host, Domain("one.example"));
        using var call = host.Peer("DEU").Subscribe(new SubscribeRequest());
        await ReadUntilAsync(call.ResponseStream, "one.example");

        var clock = Stopwatch.StartNew();
        host.Partners.Set(Agreement("DEU", Tier.Ally, version: 2, status: AgreementStatus.Suspended));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"ended after {clock.Elapsed}");
    }

    [Fact]
    public async Task Subscribe_AgreementExpiresMidStream_EndsPermissionDenied()
    {
        await using var host = await FeedHost.StartAsync();
        var agreement = Agreement("DEU", Tier.Ally);
        agreement.ValidUntil = Timestamp.FromDateTimeOffset(host.Time.GetUtcNow() + TimeSpan.FromMinutes(5));
        host.Partners.Set(agreement);
        await SubmitAsync(host, Domain("one.example"));
        using var call = host.Peer("DEU").Subscribe(new SubscribeRequest());
        await ReadUntilAsync(call.ResponseStream, "one.example");

        host.Time.Advance(TimeSpan.FromMinutes(6));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Subscribe_EmbargoedVersions_HeldAcrossReconnectAndReleasedInFeedOrderWithoutStallingLaterOnes()
    {
        await using var host = await FeedHost.StartAsync(Agreement("JPN", Tier.Partner, r => r.Embargo = Duration.FromTimeSpan(Embargo)));
        await SubmitAsync(host, Domain("first.example"));
        await SubmitAsync(host, Domain("second.example"));
        ByteString cursor;
        using (var call = host.Peer("JPN").Subscribe(new SubscribeRequest()))
        {
            // Held: nothing but a checkpoint once a second has passed, and the holds are in the store first.
            await WaitUntilAsync(() => host.Store.HoldCount == 2);
            host.Time.Advance(TimeSpan.FromSeconds(2));
            Assert.True(await call.ResponseStream.MoveNext(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token));
            Assert.Equal(FeedRecord.KindOneofCase.Checkpoint, call.ResponseStream.Current.KindCase);
            cursor = call.ResponseStream.Current.Cursor;
        }

        // Without an embargo from now on: a later version goes out at once, not stalled behind the held ones.
        host.Partners.Set(Agreement("JPN", Tier.Partner, version: 2));
        await WaitUntilAsync(() => host.Service<AgreementDirectory>().Agreements.Values.Single().Version == 2);
        using var resumed = host.Peer("JPN").Subscribe(new SubscribeRequest { Cursor = cursor });
        await SubmitAsync(host, Domain("third.example"));
        Assert.Equal(["third.example"], Values(await ReadUntilAsync(resumed.ResponseStream, "third.example")));

        host.Time.Advance(Embargo + TimeSpan.FromMinutes(1));
        var released = await ReadUntilAsync(resumed.ResponseStream, "second.example");

        Assert.Equal(["first.example", "second.example"], Values(released));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "timed out");
            await Task.Delay(20);
        }
    }
}
