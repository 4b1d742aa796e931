namespace CyberPledge.Testing.Nodes;

public sealed partial class TestNode
{
    /// <summary>Starts Indicators again on the same data directory (after a kill or a stop) and waits until it listens.</summary>
    public async Task RestartIndicatorsAsync()
    {
        if (_indicators is not null)
        {
            await _indicators.DisposeAsync().ConfigureAwait(false);
        }

        _indicators = await StartAsync("services/Indicators", "CyberPledge.Indicators.dll",
            ["--data-dir", Path.Combine(Directory, "indicators"), "--nation", _options.Nation, "--node-id", Identity.NodeId, "--urls", $"http://127.0.0.1:{IndicatorsPort}"],
            ServiceEnvironment(), "Production").ConfigureAwait(false);
    }

    /// <summary>Starts Federation again on the same data directory and port, and waits until it listens.</summary>
    public async Task RestartFederationAsync()
    {
        if (_federation is not null)
        {
            await _federation.DisposeAsync().ConfigureAwait(false);
        }

        _federation = await StartAsync("services/Federation", "CyberPledge.Federation.dll",
            [
                "--data-dir", Path.Combine(Directory, "federation"), "--urls", $"http://127.0.0.1:{FederationPort}",
                "--indicators", $"http://127.0.0.1:{IndicatorsPort}", "--partners", $"http://127.0.0.1:{PartnersPort}",
                "--internal-key", InternalKeyFile, "--internal-issuer", Tokens.Internal.Issuer,
                "--cert", Identity.NodeCertificateFile, "--key", Identity.NodeKeyFile,
            ],
            new Dictionary<string, string?>(ServiceEnvironment().Concat(_options.FederationSettings), StringComparer.Ordinal), "Production").ConfigureAwait(false);
    }

    /// <summary>Starts Partners again on the same data directory and port, and waits until it listens.</summary>
    public async Task RestartPartnersAsync()
    {
        if (_partners is not null)
        {
            await _partners.DisposeAsync().ConfigureAwait(false);
        }

        _partners = await StartAsync("services/Partners", "CyberPledge.Partners.dll",
            ["--data-dir", Path.Combine(Directory, "partners"), "--urls", $"http://127.0.0.1:{PartnersPort}"],
            ServiceEnvironment(), "Production").ConfigureAwait(false);
    }

    /// <summary>Starts the gateway again on the same port (the address its peers have registered), and waits until it listens.</summary>
    public async Task RestartGatewayAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync().ConfigureAwait(false);
        }

        _gateway = await StartAsync("services/Gateway", "CyberPledge.Gateway.dll", GatewayArguments(), GatewayEnvironment(), _options.GatewayEnvironment).ConfigureAwait(false);
    }

    /// <summary>Kills every process of the node with SIGKILL, as a power cut would; <see cref="RestartAsync"/> brings it back.</summary>
    public async Task KillAsync()
    {
        foreach (var process in new[] { _gateway, _federation, _partners, _indicators }.Concat(_indicatorsReplicas))
        {
            if (process is not null && process.ExitCode is null)
            {
                await process.KillAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts every service the node runs again, on the same data directories and ports.</summary>
    public async Task RestartAsync()
    {
        if (_indicators is not null)
        {
            await RestartIndicatorsAsync().ConfigureAwait(false);
        }

        await RestartPartnersAsync().ConfigureAwait(false);
        if (_federation is not null)
        {
            await RestartFederationAsync().ConfigureAwait(false);
        }

        await RestartGatewayAsync().ConfigureAwait(false);
    }

    private int IndicatorsPort { get; set; }

    private readonly List<int> _indicatorsReplicaPorts = [];

    private int FederationPort { get; set; }

    private int PartnersPort { get; set; }

    private int GatewayPort { get; set; }

    private async Task StartServicesAsync()
    {
        if (_options.StartIndicators)
        {
            IndicatorsPort = FreePort.Loopback();
            await RestartIndicatorsAsync().ConfigureAwait(false);
            for (var replica = 1; replica <= _options.ExtraIndicatorsReplicas; replica++)
            {
                var port = FreePort.Loopback();
                _indicatorsReplicaPorts.Add(port);
                _indicatorsReplicas.Add(await StartAsync("services/Indicators", "CyberPledge.Indicators.dll",
                    ["--data-dir", Path.Combine(Directory, "indicators-" + replica), "--nation", _options.Nation, "--node-id", Identity.NodeId, "--urls", $"http://127.0.0.1:{port}"],
                    ServiceEnvironment(), "Production").ConfigureAwait(false));
            }
        }

        PartnersPort = FreePort.Loopback();
        await RestartPartnersAsync().ConfigureAwait(false);

        if (_options.StartFederation)
        {
            FederationPort = FreePort.Loopback();
            await RestartFederationAsync().ConfigureAwait(false);
        }

        GatewayPort = FreePort.Loopback();
        await RestartGatewayAsync().ConfigureAwait(false);
    }

    private Dictionary<string, string?> GatewayEnvironment()
    {
        var gateway = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__CyberPledge.Gateway.Access"] = "Information",
            ["Identity__Audience"] = TestTokens.Audience,
            // Used only when the gateway runs in Development (its development issuer): kept out of the user's home.
            ["Identity__DevelopmentIssuer__KeyDirectory"] = Path.Combine(Directory, "development-issuer"),
            ["Identity__TrustedIssuers__0__Issuer"] = NationIssuer.Issuer,
            ["Identity__TrustedIssuers__0__PublicKeyPem"] = NationIssuer.PublicKeyPem,
            ["Identity__TrustedIssuers__0__AllowedRoles__0"] = "admin",
            ["Identity__TrustedIssuers__0__AllowedRoles__1"] = "analyst",
            ["Identity__TrustedIssuers__1__Issuer"] = PartnerIssuer.Issuer,
            ["Identity__TrustedIssuers__1__PublicKeyPem"] = PartnerIssuer.PublicKeyPem,
            ["Identity__TrustedIssuers__1__AllowedRoles__0"] = "partner:JPN",
        };
        for (var i = 0; i < _indicatorsReplicaPorts.Count; i++)
        {
            gateway[$"Gateway__Backends__Indicators__Replicas__{i}"] = $"http://127.0.0.1:{_indicatorsReplicaPorts[i]}";
        }

        foreach (var (name, value) in _options.ProcessEnvironment.Concat(_options.GatewaySettings))
        {
            gateway[name] = value;
        }

        return gateway;
    }

    private List<string> GatewayArguments()
    {
        List<string> arguments =
        [
            "--urls", $"https://127.0.0.1:{GatewayPort}", "--cert", Identity.NodeCertificateFile, "--key", Identity.NodeKeyFile,
            "--internal-key", InternalKeyFile, "--internal-issuer", Tokens.Internal.Issuer, "--partners", $"http://127.0.0.1:{PartnersPort}",
        ];
        if (_indicators is not null)
        {
            arguments.AddRange(["--indicators", $"http://127.0.0.1:{IndicatorsPort}"]);
        }

        // Without Federation, its route leads nowhere (port 1 on loopback), whatever else runs on this machine.
        arguments.AddRange(["--federation", _federation is not null ? $"http://127.0.0.1:{FederationPort}" : "http://127.0.0.1:1"]);
        return arguments;
    }

    /// <summary>What the node's services trust: the internal issuer only (no identity provider: callers come through the gateway).</summary>
    private Dictionary<string, string?> ServiceEnvironment()
    {
        var environment = new Dictionary<string, string?>(Tokens.ServiceEnvironment, StringComparer.Ordinal) { ["Logging__LogLevel__Default"] = "Warning" };
        foreach (var (name, value) in _options.ProcessEnvironment)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static async Task<ChildProcess> StartAsync(string project, string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string environmentName)
    {
        var process = ChildProcess.StartDotnet(RepositoryPaths.BuildOutput(project, assembly), [.. arguments, "--environment", environmentName], environment: environment);
        try
        {
            await process.WaitForListeningAsync(StartTimeout).ConfigureAwait(false);
            return process;
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
