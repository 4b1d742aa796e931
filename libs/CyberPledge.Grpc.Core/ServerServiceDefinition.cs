namespace Grpc.Core;

/// <summary>A service's methods bound to handlers, independent of any server.</summary>
public class ServerServiceDefinition
{
    private readonly IReadOnlyList<Action<ServiceBinderBase>> _bindings;

    private ServerServiceDefinition(IReadOnlyList<Action<ServiceBinderBase>> bindings) => _bindings = bindings;

    /// <summary>Replays every method into a binder.</summary>
    internal void BindService(ServiceBinderBase serviceBinder)
    {
        foreach (var binding in _bindings)
        {
            binding(serviceBinder);
        }
    }

    /// <summary>Starts a definition.</summary>
    public static Builder CreateBuilder() => new();

    /// <summary>Builds a <see cref="ServerServiceDefinition"/>.</summary>
    public class Builder
    {
        private readonly List<Action<ServiceBinderBase>> _bindings = [];
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        /// <summary>Adds a unary method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => Add(method, b => b.AddMethod(method, handler));

        /// <summary>Adds a client streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => Add(method, b => b.AddMethod(method, handler));

        /// <summary>Adds a server streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => Add(method, b => b.AddMethod(method, handler));

        /// <summary>Adds a duplex streaming method.</summary>
        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class where TResponse : class => Add(method, b => b.AddMethod(method, handler));

        /// <summary>Finishes the definition.</summary>
        public ServerServiceDefinition Build() => new(_bindings.ToArray());

        private Builder Add(IMethod method, Action<ServiceBinderBase> binding)
        {
            if (!_names.Add(method.FullName))
            {
                throw new ArgumentException($"Method {method.FullName} is already added.", nameof(method));
            }
            _bindings.Add(binding);
            return this;
        }
    }
}
