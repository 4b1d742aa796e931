namespace CyberPledge.Indicators.Validation;

/// <summary>
/// Domain refusals as google.rpc.Code numbers: the proto reports them per item (SubmitResult.status_code) and the gRPC
/// edge sends them as call statuses, so both read this one table and the domain needs no gRPC types.
/// </summary>
internal static class RpcCodes
{
    private const int InvalidArgument = 3;
    private const int NotFound = 5;
    private const int PermissionDenied = 7;
    private const int FailedPrecondition = 9;
    private const int OutOfRange = 11;

    public static int Of(IndicatorErrorKind kind) => kind switch
    {
        IndicatorErrorKind.Invalid => InvalidArgument,
        IndicatorErrorKind.NotFound => NotFound,
        IndicatorErrorKind.PermissionDenied => PermissionDenied,
        IndicatorErrorKind.FailedPrecondition => FailedPrecondition,
        IndicatorErrorKind.OutOfRange => OutOfRange,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no gRPC code for this kind"),
    };
}
