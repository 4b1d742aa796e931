using Microsoft.Extensions.DependencyInjection;

namespace Grpc.AspNetCore.Server;

/// <summary>Returned by AddGrpc, to configure gRPC further.</summary>
public interface IGrpcServerBuilder
{
    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }
}
