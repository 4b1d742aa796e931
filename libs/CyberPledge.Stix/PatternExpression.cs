namespace CyberPledge.Stix;

/// <summary>An observation expression of a STIX pattern (STIX 2.1 §9.5): the root of what <see cref="StixPattern.Parse"/> returns.</summary>
public abstract record PatternExpression;

/// <summary><c>[ comparison ]</c>: one observation matching a comparison expression.</summary>
public sealed record ObservationExpression(ComparisonExpression Comparison) : PatternExpression;

/// <summary>Two observation expressions joined by AND, OR or FOLLOWEDBY (left-associative).</summary>
public sealed record CompoundObservation(ObservationOperator Operator, PatternExpression Left, PatternExpression Right) : PatternExpression;

/// <summary>An observation expression with one qualifier (several qualifiers nest, innermost first).</summary>
public sealed record QualifiedObservation(PatternExpression Expression, ObservationQualifier Qualifier) : PatternExpression;

/// <summary>The operators between observation expressions, loosest last (STIX 2.1 §9.5.3).</summary>
public enum ObservationOperator
{
    /// <summary><c>AND</c>.</summary>
    And,

    /// <summary><c>OR</c>.</summary>
    Or,

    /// <summary><c>FOLLOWEDBY</c>.</summary>
    FollowedBy,
}

/// <summary>An observation expression qualifier (STIX 2.1 §9.5.1).</summary>
public abstract record ObservationQualifier;

/// <summary><c>WITHIN n SECONDS</c>.</summary>
public sealed record WithinQualifier(decimal Seconds) : ObservationQualifier;

/// <summary><c>REPEATS n TIMES</c>.</summary>
public sealed record RepeatsQualifier(long Times) : ObservationQualifier;

/// <summary><c>START t'…' STOP t'…'</c>.</summary>
public sealed record StartStopQualifier(TimestampLiteral Start, TimestampLiteral Stop) : ObservationQualifier;
