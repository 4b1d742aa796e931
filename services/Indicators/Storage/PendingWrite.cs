namespace CyberPledge.Indicators.Storage;

/// <summary>One caller's work waiting for the writer, and the task it completes after the commit.</summary>
internal abstract class PendingWrite
{
    public abstract bool IsCancelled { get; }

    /// <summary>Runs the work inside the open transaction (before the commit).</summary>
    public abstract void Run(IIndicatorWriteTransaction transaction);

    /// <summary>Reports the result once the commit is durable.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}

internal sealed class PendingWrite<T>(Func<IIndicatorWriteTransaction, T> work, CancellationToken cancellationToken) : PendingWrite
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override bool IsCancelled => cancellationToken.IsCancellationRequested;

    public override void Run(IIndicatorWriteTransaction transaction) => _result = work(transaction);

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Cancel() => _completion.TrySetCanceled(cancellationToken);
}
