namespace CyberPledge.Indicators.Validation;

/// <summary>Why a request or one item of a batch was refused: the kind of refusal, the field, the reason.</summary>
internal sealed record FieldError(IndicatorErrorKind Kind, string Field, string Reason)
{
    public static FieldError Invalid(string field, string reason) => new(IndicatorErrorKind.Invalid, field, reason);

    /// <summary>A refusal that a check reports as "&lt;field&gt;: &lt;reason&gt;" inside the message at <paramref name="parent"/>.</summary>
    public static FieldError Nested(string parent, string fieldAndReason)
    {
        var colon = fieldAndReason.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0
            ? Invalid(parent, fieldAndReason)
            : Invalid(parent + "." + fieldAndReason[..colon], fieldAndReason[(colon + 2)..]);
    }

    public string Message => $"{Field}: {Reason}";

    /// <summary>
    /// The google.rpc.Code number of this refusal, for responses that report it per item (SubmitResult.status_code).
    /// The one table from domain kinds to gRPC codes: the gRPC edge uses it too.
    /// </summary>
    public int RpcCode => RpcCodes.Of(Kind);

    public IndicatorException ToException() => new(Kind, Field, Reason);

    public override string ToString() => Message;
}
