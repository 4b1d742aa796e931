namespace CyberPledge.Storage.Tests;

/// <summary>
/// A store's write transaction in memory: appends hand out sequences, and every step the writer
/// takes is logged ("begin", "savepoint", "release", "undo", "commit", "rollback"), so the tests
/// see how works were grouped.
/// </summary>
internal sealed class FakeTransaction : IGroupCommitTransaction
{
    private readonly List<string> _log = [];
    private readonly List<string> _open = [];

    public ulong LastSequence { get; private set; }

    private int _commits;

    /// <summary>Makes the commit of this number (1 for the first) throw <see cref="CommitFailure"/>.</summary>
    public int FailCommitNumber { get; set; }

    public Exception CommitFailure { get; } = new IOException("disk full");

    /// <summary>What was committed, in order.</summary>
    public List<string> Committed { get; } = [];

    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    public ulong Append(string item)
    {
        _open.Add(item);
        return ++LastSequence;
    }

    public void Begin() => Record("begin");

    public WorkMark BeginWork()
    {
        Record("savepoint");
        return new WorkMark(LastSequence, _open.Count);
    }

    public void EndWork() => Record("release");

    public void UndoWork(WorkMark mark)
    {
        Record("undo");
        LastSequence = mark.Sequence;
        _open.RemoveRange(mark.Position, _open.Count - mark.Position);
    }

    public void Commit()
    {
        if (++_commits == FailCommitNumber)
        {
            throw CommitFailure;
        }

        Record("commit");
        Committed.AddRange(_open);
        _open.Clear();
    }

    public void Rollback(ulong lastCommitted)
    {
        Record("rollback");
        LastSequence = lastCommitted;
        _open.Clear();
    }

    public void Record(string step)
    {
        lock (_log)
        {
            _log.Add(step);
        }
    }
}
