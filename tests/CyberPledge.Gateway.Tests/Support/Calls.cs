using CyberPledge.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace CyberPledge.Gateway.Tests.Support;

/// <summary>Clients through the gateway as the callers of the tests.</summary>
internal static class Calls
{
    public static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    public static V1.Indicators.IndicatorsClient Indicators(GrpcChannel channel, string? token = null) =>
        new(token is null ? channel.CreateCallInvoker() : TestTokens.WithToken(channel.CreateCallInvoker(), token));

    public static V1.Partners.PartnersClient Partners(GrpcChannel channel, string? token = null) =>
        new(token is null ? channel.CreateCallInvoker() : TestTokens.WithToken(channel.CreateCallInvoker(), token));

    /// <summary>The status a call ended with (OK when it returned).</summary>
    public static async Task<StatusCode> StatusOf(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
