using CyberPledge.InteropServer.Shared;
using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.InteropServer;

/// <summary>How <see cref="TestServiceImpl"/> reads the request fields that decide a call's outcome.</summary>
internal static class RequestChecks
{
    /// <summary>Echo Status: a response_status with a non-zero code (code 0 is OK, so there is nothing to echo).</summary>
    public static bool IsStatusRequested(EchoStatus? responseStatus) => responseStatus is { Code: not 0 };

    /// <summary>Ends the call with the requested status (Echo Status), if any.</summary>
    public static void ThrowIfStatusRequested(EchoStatus? responseStatus)
    {
        if (IsStatusRequested(responseStatus))
        {
            throw new RpcException(new Status((StatusCode)responseStatus!.Code, responseStatus.Message));
        }
    }

    /// <summary>The description: a server that does not support the response_type fails with INVALID_ARGUMENT.</summary>
    public static void ThrowIfUnsupported(PayloadType responseType)
    {
        if (responseType != PayloadType.Compressable)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"response_type {responseType} is not supported"));
        }
    }

    /// <summary>A zero payload of the requested size; a negative size is INVALID_ARGUMENT.</summary>
    public static Payload PayloadOfSize(int size) => size >= 0
        ? ZeroPayloads.OfSize(size)
        : throw new RpcException(new Status(StatusCode.InvalidArgument, $"size {size} is negative"));
}
