// The gateway as its own process (dotnet CyberPledge.Gateway.dll --help lists its switches). It listens on
// https://127.0.0.1:8443 unless told otherwise (--urls https://0.0.0.0:443 for the world), and prints
// "gateway: listening on <url>" once it has the peer registry and forwards.
using CyberPledge.Gateway;
using CyberPledge.Gateway.Hosting;
using CyberPledge.ServiceDefaults;

return await ServiceHost.RunAsync(
    GatewayService.Description,
    args,
    builder => builder.Services.AddGateway(builder.Configuration),
    app => app.MapGateway());
