using System.Diagnostics;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CyberPledge.Benchmarks.Propagation;

/// <summary>
/// Follows one node's change feed (Indicators' Watch, straight to the Indicators process as the node's own service, as
/// the tests do) from its present end, and timestamps each event as it is read.
/// </summary>
internal sealed class FeedFollower : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;

    private FeedFollower(string nation, GrpcChannel channel)
    {
        Nation = nation;
        _channel = channel;
    }

    public string Nation { get; }

    /// <summary>Why the feed ended before it was stopped, if it did.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Starts following after the feed's last sequence now, so nothing stored from here on is missed.</summary>
    public static async Task<FeedFollower> StartAsync(TestNode node, Topology topology, DeliveryLedger ledger)
    {
        var follower = new FeedFollower(node.Nation, TestNode.DirectChannel(node.Indicators));
        var client = new V1.Indicators.IndicatorsClient(TestTokens.WithToken(follower._channel.CreateCallInvoker(), node.Tokens.Federation));
        var identity = await client.GetNodeIdentityAsync(new GetNodeIdentityRequest());
        var call = client.Watch(new WatchRequest { AfterSequence = identity.LastSequence, FeedId = identity.FeedId }, cancellationToken: follower._stop.Token);
        follower._reading = Task.Run(() => follower.ReadAsync(call, topology, ledger));
        return follower;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _channel.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(AsyncServerStreamingCall<ChangeEvent> call, Topology topology, DeliveryLedger ledger)
    {
        using (call)
        {
            try
            {
                while (await call.ResponseStream.MoveNext(_stop.Token))
                {
                    var now = Stopwatch.GetTimestamp();
                    var version = call.ResponseStream.Current.Indicator;
                    var key = new VersionKey(version.Origin?.Nation ?? "", version.Id, version.Version);
                    ledger.RecordArrival(Nation, key, now, key.Origin != Nation && Expectation.CarriesRedactedField(topology, Nation, version));
                }
            }
            catch (RpcException) when (_stop.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                Failure = e;
                Console.Error.WriteLine($"{Nation}: feed ended: {e.Message}");
            }
        }
    }
}
