using Grpc.Core;

namespace CyberPledge.Indicators.Validation;

/// <summary>Why a request or one item of a batch was refused: a status code, the field, the reason.</summary>
internal sealed record FieldError(StatusCode Code, string Field, string Reason)
{
    public static FieldError Invalid(string field, string reason) => new(StatusCode.InvalidArgument, field, reason);

    public string Message => $"{Field}: {Reason}";

    public RpcException ToRpcException() => new(new Status(Code, Message));

    public override string ToString() => Message;
}
