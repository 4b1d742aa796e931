using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>
/// Creates a service instance per call: from DI when the type is registered, otherwise constructed with DI
/// arguments and disposed when the request ends.
/// </summary>
internal static class ServiceActivator<TService> where TService : class
{
    private static readonly ObjectFactory Factory = ActivatorUtilities.CreateFactory(typeof(TService), Type.EmptyTypes);

    public static TService Create(HttpContext httpContext) => Activate<TService>(httpContext, Factory, []);

    /// <summary>Creates an interceptor for a call, the same way.</summary>
    public static Interceptor CreateInterceptor(HttpContext httpContext, InterceptorRegistration registration) =>
        Activate<Interceptor>(httpContext, (services, args) => ActivatorUtilities.CreateInstance(services, registration.Type, args!),
            registration.Arguments as object[] ?? registration.Arguments.ToArray(), registration.Type);

    private static T Activate<T>(HttpContext httpContext, ObjectFactory factory, object[] arguments, Type? type = null) where T : class
    {
        var services = httpContext.RequestServices;
        if (arguments.Length == 0 && services.GetService(type ?? typeof(T)) is T registered)
        {
            return registered;
        }
        var created = (T)factory(services, arguments);
        if (created is IAsyncDisposable asyncDisposable)
        {
            httpContext.Response.RegisterForDisposeAsync(asyncDisposable);
        }
        else if (created is IDisposable disposable)
        {
            httpContext.Response.RegisterForDispose(disposable);
        }
        return created;
    }
}
