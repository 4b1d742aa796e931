namespace CyberPledge.Stix;

/// <summary>A constant of a STIX pattern (STIX 2.1 §9.2).</summary>
public abstract record PatternLiteral;

/// <summary><c>'…'</c>, its escapes (<c>\'</c>, <c>\\</c>) resolved.</summary>
public sealed record StringLiteral(string Value) : PatternLiteral;

/// <summary>An integer (within the range of a 64-bit signed integer).</summary>
public sealed record IntegerLiteral(long Value) : PatternLiteral;

/// <summary>A floating-point constant.</summary>
public sealed record FloatLiteral(double Value) : PatternLiteral;

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BooleanLiteral(bool Value) : PatternLiteral;

/// <summary><c>b'…'</c> (base64), decoded.</summary>
public sealed record BinaryLiteral(byte[] Value) : PatternLiteral;

/// <summary><c>h'…'</c>, decoded.</summary>
public sealed record HexLiteral(byte[] Value) : PatternLiteral;

/// <summary><c>t'…'</c>: the text as written and its time (fractional digits past 100 ns are cut).</summary>
public sealed record TimestampLiteral(string Text, DateTimeOffset Value) : PatternLiteral;

/// <summary><c>( … )</c> after IN: zero or more primitive constants.</summary>
public sealed record SetLiteral(IReadOnlyList<PatternLiteral> Values) : PatternLiteral;
