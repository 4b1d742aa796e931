using CyberPledge.Testing;

namespace CyberPledge.Cli.Tests.Support;

/// <summary>
/// One real Indicators process per test class (starting one costs seconds on a shared machine), trusting a test
/// internal issuer; each test uses values of its own, so tests do not see each other's indicators by accident.
/// </summary>
public sealed class IndicatorsNode : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new();
    private ServiceProcess? _process;

    public TestTokens Tokens { get; } = new();

    public string Address => (_process ?? throw new InvalidOperationException("not started")).Address;

    /// <summary>The global options of a call as an analyst: address and token.</summary>
    public string[] AsAnalyst => ["--address", Address, "--token", Tokens.Analyst];

    public async Task InitializeAsync() =>
        _process = await ServiceProcess.StartAsync(ServiceProcess.IndicatorsDll, Tokens.ServiceEnvironment, "--data-dir", _data.Path, "--nation", "NLD", "--node-id", "hague");

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
        Tokens.Dispose();
        _data.Dispose();
    }
}
