using CyberPledge.Partners.Agreements;
using CyberPledge.Partners.Storage;
using CyberPledge.Partners.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using Kind = CyberPledge.V1.AgreementChange.Types.Kind;

namespace CyberPledge.Partners.Tests.Agreements;

/// <summary>WatchAgreements: the active set, SNAPSHOT_END, then each change as it happens.</summary>
public sealed class WatchAgreementsTests
{
    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    [Fact]
    public async Task WatchAgreements_ActiveSetThenSuspension_SuspensionArrivesLive()
    {
        await using var host = await PartnersHost.StartAsync();
        await host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer() });
        await host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement() });
        await host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement("JPN-DRAFT") });
        await host.Admin.ActivateAgreementAsync(new AgreementTransitionRequest { Id = "JPN-2026-01", ExpectedVersion = 1 });
        using var call = host.ClientWith(host.Tokens.Federation).WatchAgreements(new WatchAgreementsRequest(), deadline: Deadline);
        var stream = call.ResponseStream;

        Assert.True(await stream.MoveNext(CancellationToken.None));
        Assert.Equal((Kind.Snapshot, "JPN-2026-01", AgreementStatus.Active), (stream.Current.Kind, stream.Current.Agreement.Id, stream.Current.Agreement.Status));
        Assert.True(await stream.MoveNext(CancellationToken.None));
        Assert.Equal(Kind.SnapshotEnd, stream.Current.Kind);

        await host.Admin.SuspendAgreementAsync(new AgreementTransitionRequest { Id = "JPN-2026-01", ExpectedVersion = 2 });

        Assert.True(await stream.MoveNext(CancellationToken.None));
        Assert.Equal((Kind.Changed, AgreementStatus.Suspended, 3ul), (stream.Current.Kind, stream.Current.Agreement.Status, stream.Current.Agreement.Version));
    }

    [Fact]
    public async Task WatchAsync_ActiveAgreementReachesValidUntil_ChangedToExpiredByTheClock()
    {
        using var directory = new TemporaryDirectory();
        var clock = new ManualTimeProvider();
        await using var store = SqlitePartnerStore.Open(directory.Path, clock, NullLogger.Instance);
        var agreement = TestData.Agreement();
        agreement.Version = 1;
        agreement.Status = AgreementStatus.Active;
        agreement.ValidUntil = Timestamp.FromDateTimeOffset(clock.GetUtcNow().AddHours(1));
        await store.WriteAsync(tx => tx.AppendAgreement(agreement, TestData.Entry("agreement.activated")), CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var changes = new AgreementWatch(store, clock).WatchAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);

        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(Kind.Snapshot, changes.Current.Kind);
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(Kind.SnapshotEnd, changes.Current.Kind);
        var next = changes.MoveNextAsync().AsTask();
        while (clock.PendingTimers == 0)
        {
            await Task.Delay(10, cancel.Token);
        }

        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromHours(1));

        Assert.True(await next);
        Assert.Equal((Kind.Changed, AgreementStatus.Expired), (changes.Current.Kind, changes.Current.Agreement.Status));
    }
}
