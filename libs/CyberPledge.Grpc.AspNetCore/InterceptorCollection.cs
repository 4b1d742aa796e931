using System.Collections.ObjectModel;
using Grpc.Core.Interceptors;

namespace Grpc.AspNetCore.Server;

/// <summary>The server interceptors, in the order they run.</summary>
public class InterceptorCollection : Collection<InterceptorRegistration>
{
    /// <summary>Adds an interceptor type, created per call from DI (or with <paramref name="args"/>).</summary>
    public void Add<TInterceptor>(params object[] args) where TInterceptor : Interceptor => Add(typeof(TInterceptor), args);

    /// <summary>Adds an interceptor type, created per call from DI (or with <paramref name="args"/>).</summary>
    public void Add(Type interceptorType, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(interceptorType);
        if (!typeof(Interceptor).IsAssignableFrom(interceptorType))
        {
            throw new ArgumentException($"Type {interceptorType} is not an Interceptor.", nameof(interceptorType));
        }
        Add(new InterceptorRegistration(interceptorType, args));
    }
}

/// <summary>One registered interceptor type and its constructor arguments.</summary>
public class InterceptorRegistration
{
    /// <summary>Creates a registration.</summary>
    public InterceptorRegistration(Type type, object[] arguments)
    {
        Type = type;
        Arguments = arguments;
    }

    /// <summary>The interceptor type.</summary>
    public Type Type { get; }

    /// <summary>Arguments for its constructor beyond what DI provides.</summary>
    public IReadOnlyList<object> Arguments { get; }
}
