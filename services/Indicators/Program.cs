// The Indicators service as its own process:
//   dotnet CyberPledge.Indicators.dll --data-dir DIR [--nation FR --node-id paris] [--urls http://127.0.0.1:PORT]
//     [--store postgres --postgres "Host=...;Database=...;Username=...;Password=..."]
// It listens on 127.0.0.1 only unless told otherwise, HTTP/2 cleartext (TLS is the Gateway's),
// and prints "indicators: listening on <url>" once the store is open and it accepts calls.
using CyberPledge.Indicators;
using CyberPledge.Indicators.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, CommandLine.SwitchMappings);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? CommandLine.DefaultUrl);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
builder.Services.AddIndicators(builder.Configuration);
builder.Services.AddAuthentication(NoCredentialsAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, NoCredentialsAuthenticationHandler>(NoCredentialsAuthenticationHandler.SchemeName, null);

var app = builder.Build();
app.MapIndicators();
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses)
    {
        Console.WriteLine($"indicators: listening on {address}");
    }
});
await app.RunAsync();
