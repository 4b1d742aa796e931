using CyberPledge.Indicators.Storage;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests.Storage;

public sealed class ValueIndexTests
{
    private static readonly long KeyA = ValueIndex.Key(IndicatorType.Domain, "a.example");
    private static readonly long KeyB = ValueIndex.Key(IndicatorType.Domain, "b.example");

    [Fact]
    public void Key_DependsOnTypeAndValue()
    {
        Assert.Equal(KeyA, ValueIndex.Key(IndicatorType.Domain, "a.example"));
        Assert.NotEqual(KeyA, KeyB);
        Assert.NotEqual(KeyA, ValueIndex.Key(IndicatorType.Url, "a.example"));
    }

    [Fact]
    public void Set_BeforeCommit_IsSeenByTheWriterOnly()
    {
        var index = new ValueIndex();
        index.Set(KeyA, [1]);

        Assert.Equal([1L], index.Current(KeyA));
        Assert.Empty(index.Committed(KeyA));

        index.Commit();

        Assert.Equal([1L], index.Committed(KeyA));
    }

    [Fact]
    public void RollbackTo_Savepoint_UndoesOnlyLaterChanges()
    {
        var index = new ValueIndex();
        index.Set(KeyA, [1]);
        var savepoint = index.Savepoint();
        index.Set(KeyA, [2]);
        index.Set(KeyB, [3]);

        index.RollbackTo(savepoint);
        index.Commit();

        Assert.Equal([1L], index.Committed(KeyA));
        Assert.Empty(index.Committed(KeyB));
    }

    [Fact]
    public void Rollback_DropsEveryUncommittedChange()
    {
        var index = new ValueIndex();
        index.Load(KeyA, 1);
        index.Set(KeyA, [5]);

        index.Rollback();

        Assert.Equal([1L], index.Current(KeyA));
    }

    [Fact]
    public void Load_SameKeyTwice_KeepsBothCandidates()
    {
        var index = new ValueIndex();
        index.Load(KeyA, 1);
        index.Load(KeyA, 9);

        Assert.Equal([1L, 9L], index.Committed(KeyA));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Commit_EmptyCandidates_RemovesTheKey()
    {
        var index = new ValueIndex();
        index.Load(KeyA, 1);
        index.Set(KeyA, []);

        index.Commit();

        Assert.Equal(0, index.Count);
    }
}
