// The Federation service as its own process (dotnet CyberPledge.Federation.dll --help lists its switches). It listens
// on 127.0.0.1:5182 unless told otherwise, cleartext HTTP/2 behind the node's gateway, and prints
// "federation: listening on <url>" once it knows the node, the registry and the agreements.
using CyberPledge.Federation;
using CyberPledge.Federation.Hosting;
using CyberPledge.ServiceDefaults;

return await ServiceHost.RunAsync(
    FederationService.Description,
    args,
    builder => builder.Services.AddFederation(builder.Configuration),
    app =>
    {
        app.MapFederation();
        app.MapTaxii();
    });
