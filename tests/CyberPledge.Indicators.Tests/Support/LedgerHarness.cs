using CyberPledge.Indicators.Storage;
using CyberPledge.Indicators.WarningLists;
using CyberPledge.Signing;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Indicators.Tests.Support;

/// <summary>A ledger over a real SQLite store in a temporary directory, with a manual clock.</summary>
internal sealed class LedgerHarness : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly IndicatorsOptions _options;
    private readonly ForeignScreening? _screening;
    private NodeSigningKey _key;

    /// <param name="configure">Warning lists and inbound rules (SECURITY.md rule 4); without it, the built-in lists.</param>
    public LedgerHarness(string nation = "XX", string node = "node-1", ulong maxVersionStep = IndicatorsOptions.DefaultMaxVersionStep,
        Action<IndicatorsOptions>? configure = null)
    {
        _options = new IndicatorsOptions { DataDirectory = _directory.Path, Nation = nation, NodeId = node, MaxVersionStep = maxVersionStep };
        configure?.Invoke(_options);
        _screening = configure is null ? null : ForeignScreening.Create(_options, _directory.Path);
        _key = NodeSigningKey.LoadOrCreate(_directory.Path);
        Store = SqliteIndicatorStore.Open(_directory.Path, Clock, NullLogger.Instance);
        Ledger = new IndicatorLedger(Store, _key, Verifier, _options, Clock, screening: _screening);
    }

    public ManualTimeProvider Clock { get; } = new();

    /// <summary>The verifier the ledger is given; tests check stored signatures with it too.</summary>
    public IndicatorSignatureVerifier Verifier { get; } = new(new VerifiedBatchCache());

    public SqliteIndicatorStore Store { get; private set; }

    public IndicatorLedger Ledger { get; private set; }

    public string DataDirectory => _directory.Path;

    public byte[] PublicKey => _key.PublicKey;

    /// <summary>Closes the store and opens it again, as a process restart would.</summary>
    public async Task RestartAsync()
    {
        await Store.DisposeAsync();
        _key.Dispose();
        _key = NodeSigningKey.LoadOrCreate(_directory.Path);
        Store = SqliteIndicatorStore.Open(_directory.Path, Clock, NullLogger.Instance);
        Ledger = new IndicatorLedger(Store, _key, Verifier, _options, Clock, screening: _screening);
    }

    public async Task<SubmitResult> SubmitOneAsync(IndicatorSubmission submission)
    {
        var response = await Ledger.SubmitAsync(new SubmitRequest { Indicators = { submission } }, CancellationToken.None);
        return Assert.Single(response.Results);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _key.Dispose();
        _directory.Dispose();
    }
}

/// <summary>Another node's key, to make foreign versions.</summary>
internal sealed class ForeignOrigin : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly NodeSigningKey _key;

    public ForeignOrigin() => _key = NodeSigningKey.LoadOrCreate(_directory.Path);

    public ByteString PublicKey => ByteString.CopyFrom(_key.PublicKey);

    public Indicator Sign(Indicator version)
    {
        version.SensitiveDigest = ByteString.CopyFrom(IndicatorCanonicalEncoding.SensitiveDigest(version.Sensitive));
        _key.Sign(version);
        return version;
    }

    /// <summary>Signs versions as one batch (one Submit at the origin: each carries the batch's tree size).</summary>
    public void SignBatch(IReadOnlyList<Indicator> versions)
    {
        foreach (var version in versions)
        {
            version.SensitiveDigest = ByteString.CopyFrom(IndicatorCanonicalEncoding.SensitiveDigest(version.Sensitive));
        }

        _key.SignBatch(versions);
    }

    /// <summary>Signs a canonical encoding v2 version, as a current origin node does (its distribution's defaults filled in).</summary>
    public Indicator SignV2(Indicator version)
    {
        if (version.Distribution is { MayReshare: true } distribution)
        {
            distribution.RelayAudience ??= new RelayAudience { Tiers = { Tier.Ally }, Nations = { "JPN" } };
            distribution.MaxRelayTlp = distribution.MaxRelayTlp == Tlp.Unspecified ? Tlp.Amber : distribution.MaxRelayTlp;
        }

        IndicatorRedaction.Commit(version);
        _key.Sign(version);
        return version;
    }

    public void Dispose()
    {
        _key.Dispose();
        _directory.Dispose();
    }
}
