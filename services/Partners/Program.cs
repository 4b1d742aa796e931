// The Partners service as its own process (dotnet CyberPledge.Partners.dll --help lists its switches). It listens
// on 127.0.0.1:5181 unless told otherwise, cleartext HTTP/2 (TLS is the Gateway's), and prints
// "partners: listening on <url>" once its store is open and it serves.
using CyberPledge.Partners;
using CyberPledge.Partners.Hosting;
using CyberPledge.ServiceDefaults;

return await ServiceHost.RunAsync(
    PartnersService.Description,
    args,
    builder => builder.Services.AddPartners(builder.Configuration),
    app => app.MapPartners());
