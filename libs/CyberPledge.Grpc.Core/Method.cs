namespace Grpc.Core;

/// <summary>A method's description without its message types.</summary>
public interface IMethod
{
    /// <summary>The kind of call.</summary>
    MethodType Type { get; }

    /// <summary>The fully qualified service name, e.g. <c>grpc.testing.TestService</c>.</summary>
    string ServiceName { get; }

    /// <summary>The method's short name.</summary>
    string Name { get; }

    /// <summary>The method's full name, <c>/service/method</c>.</summary>
    string FullName { get; }
}

/// <summary>A method: its kind, names and marshallers.</summary>
public class Method<TRequest, TResponse> : IMethod
{
    /// <summary>Creates a method.</summary>
    public Method(MethodType type, string serviceName, string name, Marshaller<TRequest> requestMarshaller, Marshaller<TResponse> responseMarshaller)
    {
        ArgumentNullException.ThrowIfNull(serviceName);
        ArgumentNullException.ThrowIfNull(name);
        Type = type;
        ServiceName = serviceName;
        Name = name;
        RequestMarshaller = requestMarshaller ?? throw new ArgumentNullException(nameof(requestMarshaller));
        ResponseMarshaller = responseMarshaller ?? throw new ArgumentNullException(nameof(responseMarshaller));
        FullName = "/" + serviceName + "/" + name;
    }

    /// <inheritdoc />
    public MethodType Type { get; }

    /// <inheritdoc />
    public string ServiceName { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string FullName { get; }

    /// <summary>Turns requests into bytes and back.</summary>
    public Marshaller<TRequest> RequestMarshaller { get; }

    /// <summary>Turns responses into bytes and back.</summary>
    public Marshaller<TResponse> ResponseMarshaller { get; }
}
