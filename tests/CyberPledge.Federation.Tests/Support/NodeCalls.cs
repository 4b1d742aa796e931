using System.Diagnostics;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>Calls the end-to-end tests make at a node's gateway as its own people, and waits for what they expect.</summary>
internal static class NodeCalls
{
    public static V1.Indicators.IndicatorsClient Analyst(TestNode node, GrpcChannel channel) =>
        new(TestTokens.WithToken(channel.CreateCallInvoker(), node.UserToken("analyst", Roles.Analyst)));

    public static V1.Federation.FederationClient Links(TestNode node, GrpcChannel channel) =>
        new(TestTokens.WithToken(channel.CreateCallInvoker(), node.UserToken("analyst", Roles.Analyst)));

    /// <summary>The first indicator of <paramref name="type"/> with <paramref name="value"/> at the node, polled until <paramref name="within"/>.</summary>
    public static async Task<Indicator> WaitForAsync(V1.Indicators.IndicatorsClient client, IndicatorType type, string value, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < within)
        {
            var found = await client.QueryAsync(new QueryRequest { Type = type, Value = value });
            if (found.Indicators.Count > 0)
            {
                return found.Indicators[0];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{value} did not arrive within {within.TotalSeconds} s.");
    }

    /// <summary>
    /// The node's change feed from its start, read until <paramref name="enough"/> holds for what was read or
    /// <paramref name="within"/> passes (then what was read so far).
    /// </summary>
    public static async Task<List<Indicator>> ReadFeedAsync(V1.Indicators.IndicatorsClient client, Func<List<Indicator>, bool> enough, TimeSpan within)
    {
        var versions = new List<Indicator>();
        using var cancel = new CancellationTokenSource(within);
        using var feed = client.Watch(new WatchRequest(), cancellationToken: cancel.Token);
        try
        {
            while (!enough(versions) && await feed.ResponseStream.MoveNext(cancel.Token))
            {
                versions.Add(feed.ResponseStream.Current.Indicator);
            }
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Cancelled or StatusCode.DeadlineExceeded)
        {
        }
        catch (OperationCanceledException)
        {
        }

        return versions;
    }
}
