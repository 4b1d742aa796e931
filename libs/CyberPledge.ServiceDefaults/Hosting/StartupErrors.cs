using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace CyberPledge.ServiceDefaults.Hosting;

/// <summary>One line that names what stopped a service from starting, without the stack trace a person cannot act on.</summary>
internal static class StartupErrors
{
    public static string Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => string.Join("; ", validation.Failures),
        IOException { InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } } io => io.Message,
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        _ when exception.InnerException is OptionsValidationException inner => Describe(inner),
        _ => exception.Message,
    };
}
