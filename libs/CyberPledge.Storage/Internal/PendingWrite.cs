namespace CyberPledge.Storage.Internal;

/// <summary>One caller's work waiting for the writer, and the task it completes after the commit.</summary>
internal abstract class PendingWrite<TTransaction>
{
    public abstract bool IsCancelled { get; }

    /// <summary>Runs the work inside the open transaction (before the commit).</summary>
    public abstract void Run(TTransaction transaction);

    /// <summary>Reports the result once the commit is durable.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}

internal sealed class PendingWrite<TTransaction, T>(Func<TTransaction, T> work, CancellationToken cancellationToken) : PendingWrite<TTransaction>
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override bool IsCancelled => cancellationToken.IsCancellationRequested;

    public override void Run(TTransaction transaction) => _result = work(transaction);

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Cancel() => _completion.TrySetCanceled(cancellationToken);
}
