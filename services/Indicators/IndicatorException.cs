namespace CyberPledge.Indicators;

/// <summary>
/// A request <see cref="IndicatorLedger"/> refuses: the kind of refusal, the field and the reason. Its message is
/// "&lt;field&gt;: &lt;reason&gt;", the text the gRPC edge sends as the status detail.
/// </summary>
public sealed class IndicatorException : Exception
{
    internal IndicatorException(IndicatorErrorKind kind, string field, string reason)
        : base($"{field}: {reason}")
    {
        Kind = kind;
        Field = field;
        Reason = reason;
    }

    /// <summary>Why the request is refused.</summary>
    public IndicatorErrorKind Kind { get; }

    /// <summary>The request field at fault, e.g. "id" or "indicator.origin".</summary>
    public string Field { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
