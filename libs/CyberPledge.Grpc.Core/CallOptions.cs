namespace Grpc.Core;

/// <summary>Options of one client call: headers, deadline, cancellation, credentials.</summary>
public readonly struct CallOptions
{
    /// <summary>Creates call options.</summary>
    public CallOptions(
        Metadata? headers = null,
        DateTime? deadline = null,
        CancellationToken cancellationToken = default,
        WriteOptions? writeOptions = null,
        ContextPropagationToken? propagationToken = null,
        CallCredentials? credentials = null)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        WriteOptions = writeOptions;
        PropagationToken = propagationToken;
        Credentials = credentials;
        IsWaitForReady = false;
    }

    private CallOptions(CallOptions other, bool waitForReady) : this(other.Headers, other.Deadline, other.CancellationToken, other.WriteOptions, other.PropagationToken, other.Credentials)
        => IsWaitForReady = waitForReady;

    /// <summary>Request headers to send.</summary>
    public Metadata? Headers { get; }

    /// <summary>The deadline (UTC); null for none.</summary>
    public DateTime? Deadline { get; }

    /// <summary>Cancels the call.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Options for request writes.</summary>
    public WriteOptions? WriteOptions { get; }

    /// <summary>A token carrying a parent server call's deadline and cancellation.</summary>
    public ContextPropagationToken? PropagationToken { get; }

    /// <summary>Per-call credentials.</summary>
    public CallCredentials? Credentials { get; }

    /// <summary>Whether the call waits for the channel to become ready instead of failing fast.</summary>
    public bool IsWaitForReady { get; }

    /// <summary>A copy with other headers.</summary>
    public CallOptions WithHeaders(Metadata headers) => new(new CallOptions(headers, Deadline, CancellationToken, WriteOptions, PropagationToken, Credentials), IsWaitForReady);

    /// <summary>A copy with another deadline.</summary>
    public CallOptions WithDeadline(DateTime deadline) => new(new CallOptions(Headers, deadline, CancellationToken, WriteOptions, PropagationToken, Credentials), IsWaitForReady);

    /// <summary>A copy with another cancellation token.</summary>
    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => new(new CallOptions(Headers, Deadline, cancellationToken, WriteOptions, PropagationToken, Credentials), IsWaitForReady);

    /// <summary>A copy with other write options.</summary>
    public CallOptions WithWriteOptions(WriteOptions writeOptions) => new(new CallOptions(Headers, Deadline, CancellationToken, writeOptions, PropagationToken, Credentials), IsWaitForReady);

    /// <summary>A copy with another propagation token.</summary>
    public CallOptions WithPropagationToken(ContextPropagationToken propagationToken) => new(new CallOptions(Headers, Deadline, CancellationToken, WriteOptions, propagationToken, Credentials), IsWaitForReady);

    /// <summary>A copy with other credentials.</summary>
    public CallOptions WithCredentials(CallCredentials credentials) => new(new CallOptions(Headers, Deadline, CancellationToken, WriteOptions, PropagationToken, credentials), IsWaitForReady);

    /// <summary>A copy that waits (or not) for the channel to be ready.</summary>
    public CallOptions WithWaitForReady(bool waitForReady = true) => new(this, waitForReady);
}
