using Grpc.Core;

namespace CyberPledge.Partners.Grpc;

/// <summary>The service's refusals as gRPC statuses; an argument's message starts with the field it names.</summary>
internal static class Refusals
{
    public static RpcException InvalidArgument(string field, string reason) => new(new Status(StatusCode.InvalidArgument, $"{field}: {reason}"));

    public static RpcException NotFound(string what) => new(new Status(StatusCode.NotFound, what + " does not exist"));

    public static RpcException AlreadyExists(string what) => new(new Status(StatusCode.AlreadyExists, what + " already exists"));

    public static RpcException FailedPrecondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    public static RpcException PermissionDenied(string message) => new(new Status(StatusCode.PermissionDenied, message));

    public static RpcException StaleVersion(string what, ulong expected, ulong current) =>
        FailedPrecondition($"expected_version: {what} is at version {current}, not {expected}");
}
