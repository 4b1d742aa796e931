namespace Grpc.Core;

/// <summary>Receives a service's methods and their handlers (generated <c>BindService</c> methods call it).</summary>
public class ServiceBinderBase
{
    /// <summary>Adds a unary method.</summary>
    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw new NotSupportedException();

    /// <summary>Adds a client streaming method.</summary>
    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw new NotSupportedException();

    /// <summary>Adds a server streaming method.</summary>
    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw new NotSupportedException();

    /// <summary>Adds a duplex streaming method.</summary>
    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class where TResponse : class => throw new NotSupportedException();
}

/// <summary>Names the static method that binds a service base class's methods (placed by generated code).</summary>
[AttributeUsage(AttributeTargets.Class)]
public class BindServiceMethodAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public BindServiceMethodAttribute(Type bindType, string bindMethodName)
    {
        BindType = bindType;
        BindMethodName = bindMethodName;
    }

    /// <summary>The type that declares the bind method.</summary>
    public Type BindType { get; }

    /// <summary>The bind method's name.</summary>
    public string BindMethodName { get; }
}
