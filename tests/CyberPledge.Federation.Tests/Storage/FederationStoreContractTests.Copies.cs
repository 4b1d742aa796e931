using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Tests.Storage;

/// <summary>The grantees' copies (withdrawals, SECURITY.md rule 6), on every store.</summary>
public abstract partial class FederationStoreContractTests
{
    private static readonly CopyKey Dutch = new("NLD", "hague", "4d2d7b9e-8e55-4a59-9b7c-2f0b6f1f3c10");
    private static readonly CopyKey French = new("FRA", "paris", "4d2d7b9e-8e55-4a59-9b7c-2f0b6f1f3c10");

    private static KeyValuePair<CopyKey, SentCopy> Copy(CopyKey key, ulong sent, ulong withdrawn) => new(key, new SentCopy(sent, withdrawn));

    [Fact]
    public async Task GetCopiesAsync_NothingSent_Empty() =>
        Assert.Empty(await _store.GetCopiesAsync("JPN", [Dutch, French], CancellationToken.None));

    [Fact]
    public async Task SaveCopiesAsync_ThenReopen_SameCopiesPerGranteeAndIndicator()
    {
        await _store.SaveCopiesAsync("JPN", [Copy(Dutch, 7, 0), Copy(French, 9, 0)], CancellationToken.None);
        await _store.SaveCopiesAsync("KOR", [Copy(Dutch, 3, 0)], CancellationToken.None);

        await RestartAsync();

        var japan = await _store.GetCopiesAsync("JPN", [Dutch, French], CancellationToken.None);
        Assert.Equal(new SentCopy(7, 0), japan[Dutch]);
        Assert.Equal(new SentCopy(9, 0), japan[French]);
        Assert.Equal(new SentCopy(3, 0), (await _store.GetCopiesAsync("KOR", [Dutch, French], CancellationToken.None)).Single().Value);
    }

    [Fact]
    public async Task SaveCopiesAsync_OlderPositions_NeverMoveBack()
    {
        await _store.SaveCopiesAsync("JPN", [Copy(Dutch, 7, 0)], CancellationToken.None);
        await _store.SaveCopiesAsync("JPN", [Copy(Dutch, 0, 12)], CancellationToken.None);

        // A replay from an older cursor sends the earlier version again and withdraws it again: both stay where they were.
        await _store.SaveCopiesAsync("JPN", [Copy(Dutch, 5, 0), Copy(Dutch, 0, 10)], CancellationToken.None);

        Assert.Equal(new SentCopy(7, 12), (await _store.GetCopiesAsync("JPN", [Dutch], CancellationToken.None))[Dutch]);
    }

    [Fact]
    public void SentCopy_HeldAt_AsTheFeedStandsAtEachSequence()
    {
        var sentThenWithdrawn = new SentCopy(7, 12);

        Assert.False(default(SentCopy).HeldAt(100));
        Assert.False(new SentCopy(7, 0).HeldAt(6));
        Assert.True(new SentCopy(7, 0).HeldAt(7));
        Assert.True(sentThenWithdrawn.HeldAt(12));
        Assert.False(sentThenWithdrawn.HeldAt(13));
        Assert.True(new SentCopy(15, 12).HeldAt(20));
        Assert.True(sentThenWithdrawn.WithdrawnAfter(9));
        Assert.False(sentThenWithdrawn.WithdrawnAfter(12));
    }
}
