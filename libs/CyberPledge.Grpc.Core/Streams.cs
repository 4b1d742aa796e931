namespace Grpc.Core;

/// <summary>Reads a stream of messages.</summary>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false at the end of the stream.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken);
}

/// <summary>Writes a stream of messages.</summary>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Options for the next writes.</summary>
    WriteOptions? WriteOptions { get; set; }

    /// <summary>Writes one message; only one write may be pending at a time.</summary>
    Task WriteAsync(T message);

    /// <summary>Writes one message, observing a cancellation token.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            throw new NotSupportedException("This writer does not support a cancellation token.");
        }
        return WriteAsync(message);
    }
}

/// <summary>Writes the responses of a server streaming or duplex call.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}

/// <summary>Writes the requests of a client streaming or duplex call.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Half-closes the call: no more requests will be written.</summary>
    Task CompleteAsync();
}

/// <summary>Flags for a write.</summary>
[Flags]
#pragma warning disable CA1711 // The name is the official API's.
public enum WriteFlags
#pragma warning restore CA1711
{
    /// <summary>The write may be buffered.</summary>
    BufferHint = 0x1,
    /// <summary>The message must not be compressed.</summary>
    NoCompress = 0x2,
}

/// <summary>Options for writing a message.</summary>
public class WriteOptions
{
    /// <summary>The default options.</summary>
    public static readonly WriteOptions Default = new();

    /// <summary>Creates options.</summary>
    public WriteOptions(WriteFlags flags = default) => Flags = flags;

    /// <summary>The flags.</summary>
    public WriteFlags Flags { get; }
}

/// <summary>Extensions for stream readers.</summary>
public static class AsyncStreamReaderExtensions
{
    /// <summary>Reads every message of the stream as an async enumerable.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        this IAsyncStreamReader<T> streamReader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamReader);
        while (await streamReader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return streamReader.Current;
        }
    }
}
