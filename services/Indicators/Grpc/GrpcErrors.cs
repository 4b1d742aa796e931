using CyberPledge.Indicators.Validation;
using Grpc.Core;

namespace CyberPledge.Indicators.Grpc;

/// <summary>
/// The one place where the ledger's refusals become gRPC statuses: an <see cref="IndicatorException"/> becomes
/// an <see cref="RpcException"/> with its kind's code and its "&lt;field&gt;: &lt;reason&gt;" message.
/// </summary>
internal static class GrpcErrors
{
    public static async Task<T> MapAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (IndicatorException e)
        {
            throw ToRpcException(e);
        }
    }

    public static T Map<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (IndicatorException e)
        {
            throw ToRpcException(e);
        }
    }

    public static RpcException ToRpcException(IndicatorException exception) =>
        new(new Status((StatusCode)RpcCodes.Of(exception.Kind), exception.Message));
}
