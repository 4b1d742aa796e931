namespace CyberPledge.Stix;

/// <summary>A comparison expression inside an observation's brackets (STIX 2.1 §9.6).</summary>
public abstract record ComparisonExpression;

/// <summary>Two comparison expressions joined by AND or OR (AND binds tighter; left-associative).</summary>
public sealed record CompoundComparison(BooleanOperator Operator, ComparisonExpression Left, ComparisonExpression Right) : ComparisonExpression;

/// <summary><c>path [NOT] operator literal</c>. MATCHES is parsed, never evaluated (SECURITY.md rule 10).</summary>
public sealed record ComparisonTest(ObjectPath Path, bool Negated, ComparisonOperator Operator, PatternLiteral Value) : ComparisonExpression;

/// <summary><c>[NOT] EXISTS path</c>.</summary>
public sealed record ExistsTest(ObjectPath Path, bool Negated) : ComparisonExpression;

/// <summary>AND or OR between comparison expressions.</summary>
public enum BooleanOperator
{
    /// <summary><c>AND</c>.</summary>
    And,

    /// <summary><c>OR</c>.</summary>
    Or,
}

/// <summary>The comparison operators (STIX 2.1 §9.6.1).</summary>
public enum ComparisonOperator
{
    /// <summary><c>=</c> or <c>==</c>.</summary>
    Equal,

    /// <summary><c>!=</c> or <c>&lt;&gt;</c>.</summary>
    NotEqual,

    /// <summary><c>&gt;</c>.</summary>
    GreaterThan,

    /// <summary><c>&lt;</c>.</summary>
    LessThan,

    /// <summary><c>&gt;=</c>.</summary>
    GreaterThanOrEqual,

    /// <summary><c>&lt;=</c>.</summary>
    LessThanOrEqual,

    /// <summary><c>IN ( … )</c>.</summary>
    In,

    /// <summary><c>LIKE</c> (SQL-style wildcards).</summary>
    Like,

    /// <summary><c>MATCHES</c> (a PCRE; never run here).</summary>
    Matches,

    /// <summary><c>ISSUBSET</c> (a CIDR).</summary>
    IsSubset,

    /// <summary><c>ISSUPERSET</c> (a CIDR).</summary>
    IsSuperset,
}
