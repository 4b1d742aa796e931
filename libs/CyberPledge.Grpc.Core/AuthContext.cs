namespace Grpc.Core;

/// <summary>The authentication state of a call: the peer's identity properties (from its TLS certificate).</summary>
public class AuthContext
{
    private readonly Dictionary<string, List<AuthProperty>> _properties;

    /// <summary>Creates an auth context.</summary>
    public AuthContext(string? peerIdentityPropertyName, Dictionary<string, List<AuthProperty>> properties)
    {
        PeerIdentityPropertyName = peerIdentityPropertyName;
        _properties = properties ?? throw new ArgumentNullException(nameof(properties));
    }

    /// <summary>Whether the peer was authenticated (it presented an identity).</summary>
    public bool IsPeerAuthenticated => PeerIdentityPropertyName is not null;

    /// <summary>The property that names the peer's identity.</summary>
    public string? PeerIdentityPropertyName { get; }

    /// <summary>The properties that name the peer's identity.</summary>
    public IEnumerable<AuthProperty> PeerIdentity =>
        PeerIdentityPropertyName is null ? [] : FindPropertiesByName(PeerIdentityPropertyName);

    /// <summary>All properties.</summary>
    public IEnumerable<AuthProperty> Properties => _properties.Values.SelectMany(v => v);

    /// <summary>The properties with a name.</summary>
    public IEnumerable<AuthProperty> FindPropertiesByName(string propertyName) =>
        _properties.TryGetValue(propertyName, out var values) ? values : [];
}

/// <summary>One authentication property.</summary>
public sealed class AuthProperty
{
    private readonly byte[] _valueBytes;

    private AuthProperty(string name, byte[] valueBytes)
    {
        Name = name;
        _valueBytes = valueBytes;
    }

    /// <summary>The property's name.</summary>
    public string Name { get; }

    /// <summary>The value as UTF-8 text.</summary>
    public string Value => System.Text.Encoding.UTF8.GetString(_valueBytes);

    /// <summary>The value's bytes.</summary>
    public byte[] ValueBytes => (byte[])_valueBytes.Clone();

    /// <summary>Creates a property.</summary>
    public static AuthProperty Create(string name, byte[] valueBytes)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(valueBytes);
        return new AuthProperty(name, (byte[])valueBytes.Clone());
    }
}
