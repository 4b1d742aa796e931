using CyberPledge.InteropServer;

InteropServerOptions options;
try
{
    options = InteropServerOptions.Parse(args, Console.Error);
}
catch (FormatException ex)
{
    Console.Error.WriteLine($"{ex.Message}\nusage: --port=N [--use_tls=true [--tls_cert_file=PEM --tls_key_file=PEM]]");
    return 2;
}

await using var server = await InteropServerHost.StartAsync(options);
if (server.Certificate is not null)
{
    // A client trusts the generated certificate through this file (e.g. --use_test_ca=true --ca_file=PATH).
    Console.WriteLine($"certificate {server.ExportCertificate()}");
}
Console.WriteLine($"listening on 127.0.0.1:{server.Port}");
await server.WaitForShutdownAsync();
return 0;
