// The Indicators service as its own process (dotnet CyberPledge.Indicators.dll --help lists its switches). It listens
// on 127.0.0.1:5180 unless told otherwise, cleartext HTTP/2 (TLS is the Gateway's), and prints
// "indicators: listening on <url>" once its store is open and it serves.
using CyberPledge.Indicators;
using CyberPledge.Indicators.Hosting;
using CyberPledge.ServiceDefaults;

return await ServiceHost.RunAsync(
    IndicatorsService.Description,
    args,
    builder => builder.Services.AddIndicators(builder.Configuration),
    app => app.MapIndicators());
