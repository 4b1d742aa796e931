using System.Reflection;
using Grpc.AspNetCore.Server.Internal.CallHandlers;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>One method of a mapped service: what to route, how to handle it, and the method that implements it.</summary>
internal sealed record MethodRegistration(IMethod Method, RequestDelegate RequestDelegate, MethodInfo Implementation);

/// <summary>
/// Receives the methods of a generated service through its static BindService(ServiceBinderBase, TBase) and makes a
/// request delegate for each, calling the implementation on a per-call service instance.
/// </summary>
internal sealed class ServiceMethodBinder<TService>(ServerOptions options, ILogger logger, TimeProvider timeProvider) : ServiceBinderBase
    where TService : class
{
    public List<MethodRegistration> Registrations { get; } = [];

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, info) = Bind<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>(method, typeof(TRequest), typeof(ServerCallContext));
        Add(method, new UnaryServerCallHandler<TService, TRequest, TResponse>(method, invoker, options, logger, timeProvider).HandleCallAsync, info);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, info) = Bind<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>(
            method, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        Add(method, new ClientStreamingServerCallHandler<TService, TRequest, TResponse>(method, invoker, options, logger, timeProvider).HandleCallAsync, info);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, info) = Bind<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(
            method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        Add(method, new ServerStreamingServerCallHandler<TService, TRequest, TResponse>(method, invoker, options, logger, timeProvider).HandleCallAsync, info);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, info) = Bind<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>(
            method, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        Add(method, new DuplexStreamingServerCallHandler<TService, TRequest, TResponse>(method, invoker, options, logger, timeProvider).HandleCallAsync, info);
    }

    private void Add(IMethod method, RequestDelegate requestDelegate, MethodInfo implementation) =>
        Registrations.Add(new MethodRegistration(method, requestDelegate, implementation));

    /// <summary>An open-instance delegate to the service's method: virtual dispatch reaches the override.</summary>
    private static (TDelegate Invoker, MethodInfo Info) Bind<TDelegate>(IMethod method, params Type[] parameterTypes) where TDelegate : Delegate
    {
        var info = typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameterTypes)
            ?? throw new InvalidOperationException($"Type {typeof(TService)} has no method {method.Name} for {method.FullName}.");
        return (info.CreateDelegate<TDelegate>(), info);
    }

    /// <summary>
    /// Calls the generated static bind method named by the service base class's BindServiceMethodAttribute; returns
    /// the generated static class that declares it (which also carries the service's Descriptor).
    /// </summary>
    public Type BindAll()
    {
        var attribute = FindBindAttribute(typeof(TService))
            ?? throw new InvalidOperationException($"Type {typeof(TService)} does not derive from a generated gRPC service base class (no BindServiceMethodAttribute).");
        var bindMethod = attribute.BindType
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == attribute.BindMethodName && m.GetParameters() is [{ ParameterType: var binderType }, _]
                && binderType == typeof(ServiceBinderBase))
            ?? throw new InvalidOperationException($"{attribute.BindType}.{attribute.BindMethodName}(ServiceBinderBase, ...) was not found.");
        bindMethod.Invoke(null, [this, null]);
        return attribute.BindType;
    }

    private static BindServiceMethodAttribute? FindBindAttribute(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                return attribute;
            }
        }
        return null;
    }
}
