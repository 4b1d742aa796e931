namespace Grpc.Core;

/// <summary>What an <see cref="AsyncAuthInterceptor"/> knows of the call it adds credentials to.</summary>
public class AuthInterceptorContext
{
    /// <summary>Creates the context.</summary>
    public AuthInterceptorContext(string serviceUrl, string methodName, CancellationToken cancellationToken = default)
    {
        ServiceUrl = serviceUrl;
        MethodName = methodName;
        CancellationToken = cancellationToken;
    }

    /// <summary>The service's URL.</summary>
    public string ServiceUrl { get; }

    /// <summary>The method's short name.</summary>
    public string MethodName { get; }

    /// <summary>Cancelled with the call.</summary>
    public CancellationToken CancellationToken { get; }
}

/// <summary>Adds credentials (e.g. a bearer token) to a call's headers.</summary>
public delegate Task AsyncAuthInterceptor(AuthInterceptorContext context, Metadata metadata);

/// <summary>Credentials added to each call's headers.</summary>
public abstract class CallCredentials
{
    /// <summary>Credentials from an interceptor.</summary>
    public static CallCredentials FromInterceptor(AsyncAuthInterceptor interceptor) => new InterceptorCallCredentials(interceptor);

    /// <summary>Several credentials applied in order.</summary>
    public static CallCredentials Compose(params CallCredentials[] credentials) => new CompositeCallCredentials(credentials);

    /// <summary>Adds this call's credentials to its headers (used by the channel).</summary>
    public abstract Task ApplyAsync(AuthInterceptorContext context, Metadata metadata);

    private sealed class InterceptorCallCredentials(AsyncAuthInterceptor interceptor) : CallCredentials
    {
        public override Task ApplyAsync(AuthInterceptorContext context, Metadata metadata) => interceptor(context, metadata);
    }

    private sealed class CompositeCallCredentials(CallCredentials[] credentials) : CallCredentials
    {
        public override async Task ApplyAsync(AuthInterceptorContext context, Metadata metadata)
        {
            foreach (var credential in credentials)
            {
                await credential.ApplyAsync(context, metadata).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>How a channel connects: cleartext or TLS, plus credentials for each call.</summary>
public class ChannelCredentials
{
    private ChannelCredentials(bool isSecure, CallCredentials? callCredentials)
    {
        IsSecure = isSecure;
        CallCredentials = callCredentials;
    }

    /// <summary>Cleartext HTTP/2.</summary>
    public static ChannelCredentials Insecure { get; } = new(false, null);

    /// <summary>TLS with the platform's certificate validation.</summary>
    public static ChannelCredentials SecureSsl { get; } = new(true, null);

    /// <summary>Channel credentials combined with call credentials.</summary>
    public static ChannelCredentials Create(ChannelCredentials channelCredentials, CallCredentials callCredentials)
    {
        ArgumentNullException.ThrowIfNull(channelCredentials);
        ArgumentNullException.ThrowIfNull(callCredentials);
        var combined = channelCredentials.CallCredentials is null
            ? callCredentials
            : CallCredentials.Compose(channelCredentials.CallCredentials, callCredentials);
        return new ChannelCredentials(channelCredentials.IsSecure, combined);
    }

    /// <summary>Whether the channel uses TLS.</summary>
    public bool IsSecure { get; }

    /// <summary>Credentials applied to every call of the channel.</summary>
    public CallCredentials? CallCredentials { get; }
}
