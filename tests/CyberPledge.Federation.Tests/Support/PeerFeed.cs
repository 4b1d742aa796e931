using System.Buffers.Binary;
using System.Collections.Concurrent;
using CyberPledge.V1;
using Google.Protobuf;
using Grpc.Core;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>
/// A peer's Federation service as a link sees it through the peer's gateway: Hello names the peer, Subscribe sends
/// the scripted records after the caller's cursor (the cursor is the record's position), then waits for more.
/// </summary>
internal sealed class PeerFeed(string nation) : V1.Federation.FederationBase
{
    private readonly List<FeedRecord> _records = [];
    private CancellationTokenSource _streams = new();
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every Subscribe request received, in order.</summary>
    public ConcurrentQueue<SubscribeRequest> Subscriptions { get; } = new();

    /// <summary>When set, Subscribe answers this status.</summary>
    public StatusCode? Refusal { get; set; }

    public static ulong Position(ByteString cursor) => cursor.IsEmpty ? 0 : BinaryPrimitives.ReadUInt64BigEndian(cursor.Span);

    public void Add(Indicator version, params RelayHop[] path) =>
        Add(new FeedRecord { Indicator = new IndicatorRecord { Version = version, Path = { path } } });

    public void AddCheckpoint() => Add(new FeedRecord { Checkpoint = new Checkpoint() });

    public void Add(Withdrawal withdrawal) => Add(new FeedRecord { Withdrawal = withdrawal });

    /// <summary>Ends every open stream (UNAVAILABLE), as a gateway going away does.</summary>
    public void Disconnect()
    {
        lock (_records)
        {
            _streams.Cancel();
            _streams = new CancellationTokenSource();
        }
    }

    public override Task<HelloResponse> Hello(HelloRequest request, ServerCallContext context) =>
        Task.FromResult(new HelloResponse { Node = new Origin { Nation = nation, NodeId = "peer-1" }, ProtocolVersion = 1 });

    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<FeedRecord> responseStream, ServerCallContext context)
    {
        Subscriptions.Enqueue(request);
        if (Refusal is { } refusal)
        {
            throw new RpcException(new Status(refusal, "refused by the test"));
        }

        CancellationToken disconnected;
        lock (_records)
        {
            disconnected = _streams.Token;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, disconnected);
        var next = (int)Position(request.Cursor);
        try
        {
            while (true)
            {
                Task added;
                FeedRecord[] pending;
                lock (_records)
                {
                    added = _added.Task;
                    pending = [.. _records.Skip(next)];
                }

                foreach (var record in pending)
                {
                    await responseStream.WriteAsync(record, stop.Token);
                    next++;
                }

                await added.WaitAsync(stop.Token);
            }
        }
        catch (OperationCanceledException) when (disconnected.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the test disconnected the peer"));
        }
    }

    private void Add(FeedRecord record)
    {
        lock (_records)
        {
            var cursor = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(cursor, (ulong)_records.Count + 1);
            record.Cursor = ByteString.CopyFrom(cursor);
            _records.Add(record);
            _added.TrySetResult();
            _added = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
