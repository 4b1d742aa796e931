namespace CyberPledge.Stix;

/// <summary>
/// An object path (STIX 2.1 §9.7): the object type, the first property, then property and list-index steps, e.g.
/// <c>file:hashes.'SHA-256'</c> is type "file", steps [hashes, SHA-256].
/// </summary>
public sealed record ObjectPath(string ObjectType, IReadOnlyList<PathStep> Steps)
{
    /// <summary>The path as the grammar writes it, property names quoted when they are not plain identifiers.</summary>
    public override string ToString() => ObjectType + ":" + string.Concat(Steps.Select((step, i) => step.ToText(i == 0)));
}

/// <summary>One step of an object path.</summary>
public abstract record PathStep
{
    internal abstract string ToText(bool first);
}

/// <summary>A property (or dictionary key): <c>.name</c> or <c>.'quoted name'</c>.</summary>
public sealed record PropertyStep(string Name) : PathStep
{
    internal override string ToText(bool first)
    {
        var plain = Name.Length > 0 && (char.IsAsciiLetter(Name[0]) || Name[0] == '_') && Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return (first ? "" : ".") + (plain ? Name : Internal.Export.PatternText.Quote(Name));
    }
}

/// <summary>A list index: <c>[n]</c>, or <c>[*]</c> (any element) when <see cref="Index"/> is null.</summary>
public sealed record IndexStep(long? Index) : PathStep
{
    internal override string ToText(bool first) =>
        "[" + (Index is { } i ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "*") + "]";
}
