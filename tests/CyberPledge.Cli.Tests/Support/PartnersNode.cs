using CyberPledge.Testing;

namespace CyberPledge.Cli.Tests.Support;

/// <summary>
/// A node's Indicators and Partners services as real processes sharing one test internal issuer: Partners reads the
/// indicators for Preview and Explain as <c>service:partners</c>, with the issuer's private key in a 0600 file.
/// </summary>
public sealed class PartnersNode : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new();
    private ServiceProcess? _indicators;
    private ServiceProcess? _partners;
    private Dictionary<string, string?> _partnersEnvironment = [];

    public TestTokens Tokens { get; } = new();

    public string IndicatorsAddress => (_indicators ?? throw new InvalidOperationException("not started")).Address;

    public string PartnersAddress => (_partners ?? throw new InvalidOperationException("not started")).Address;

    /// <summary>The Partners database (services/Partners: partners.db in its data directory).</summary>
    public string PartnersDatabase => Path.Combine(_data.Path, "partners", "partners.db");

    /// <summary>Global options for a call with <paramref name="token"/> (null: none).</summary>
    public string[] As(string? token) => token is null
        ? ["--address", IndicatorsAddress, "--partners", PartnersAddress]
        : ["--address", IndicatorsAddress, "--partners", PartnersAddress, "--token", token];

    public async Task InitializeAsync()
    {
        if (!File.Exists(ServiceProcess.PartnersDll))
        {
            throw new InvalidOperationException($"{ServiceProcess.PartnersDll} is not built: build services/Partners in this configuration first.");
        }
        _indicators = await ServiceProcess.StartAsync(ServiceProcess.IndicatorsDll, Tokens.ServiceEnvironment,
            "--data-dir", Path.Combine(_data.Path, "indicators"), "--nation", "NLD", "--node-id", "hague");
        var keyFile = Path.Combine(_data.Path, "internal-key.pem");
        await File.WriteAllTextAsync(keyFile, Tokens.Internal.ExportPrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        _partnersEnvironment = new Dictionary<string, string?>(Tokens.ServiceEnvironment)
        {
            ["Partners__DataDirectory"] = Path.Combine(_data.Path, "partners"),
            ["Partners__IndicatorsAddress"] = IndicatorsAddress,
            ["Partners__InternalKeyFile"] = keyFile,
        };
        _partners = await ServiceProcess.StartAsync(ServiceProcess.PartnersDll, _partnersEnvironment);
    }

    /// <summary>Stops Partners, runs <paramref name="whileStopped"/> (on its database), and starts it again.</summary>
    public async Task RestartPartnersAsync(Action whileStopped)
    {
        await _partners!.StopAsync();
        await _partners.DisposeAsync();
        whileStopped();
        _partners = await ServiceProcess.StartAsync(ServiceProcess.PartnersDll, _partnersEnvironment);
    }

    public async Task DisposeAsync()
    {
        if (_partners is not null)
        {
            await _partners.DisposeAsync();
        }
        if (_indicators is not null)
        {
            await _indicators.DisposeAsync();
        }
        Tokens.Dispose();
        _data.Dispose();
    }
}
