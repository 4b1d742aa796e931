namespace CyberPledge.Indicators;

/// <summary>Why the ledger refuses a request or one item of a batch, in the domain's terms (the gRPC edge maps each to a status code).</summary>
public enum IndicatorErrorKind
{
    /// <summary>A field is missing, malformed or out of its limits.</summary>
    Invalid,

    /// <summary>The indicator, or the version of it, is not stored.</summary>
    NotFound,

    /// <summary>The indicator belongs to another origin: only its origin creates versions of it.</summary>
    PermissionDenied,

    /// <summary>The request does not fit the store's state (a cursor from another feed).</summary>
    FailedPrecondition,

    /// <summary>A cursor past the end of the feed.</summary>
    OutOfRange,
}
