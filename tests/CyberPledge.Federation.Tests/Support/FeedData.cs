using CyberPledge.Policy;
using CyberPledge.Signing;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>Agreements, submissions, foreign versions and stream reading for the serving tests.</summary>
internal static class FeedData
{
    public static V1.SharingAgreement Agreement(string grantee, Tier tier, Action<V1.AgreementRules>? change = null, ulong version = 1, AgreementStatus status = AgreementStatus.Active)
    {
        // The baselines' shape (AgreementTemplates), without the partner's embargo unless a test sets one.
        var baseline = AgreementTemplates.BaselineFor(tier);
        var rules = new V1.AgreementRules
        {
            MaxTlp = baseline.MaxTlp,
            IndicatorTypes = { baseline.IndicatorTypes },
            Sectors = { baseline.Sectors },
            MinConfidence = baseline.MinConfidence,
            MinSeverity = baseline.MinSeverity,
            Redactions = { AgreementContracts.ToFields(baseline.Redactions) },
            MayReshare = baseline.MayReshare,
            HopLimit = baseline.HopLimit,
        };
        change?.Invoke(rules);
        return new V1.SharingAgreement
        {
            Id = grantee + "-2026-01",
            Grantee = grantee,
            Tier = tier,
            Status = status,
            Version = version,
            Title = "test",
            ValidFrom = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            Rules = rules,
        };
    }

    /// <summary>A domain submission every baseline template lets through but for its TLP.</summary>
    public static IndicatorSubmission Domain(string name, Tlp tlp = Tlp.Green) => new()
    {
        Type = IndicatorType.Domain,
        Value = name,
        Tlp = tlp,
        Confidence = 90,
        Severity = Severity.High,
        Sectors = { Sector.Energy },
        Description = "phishing kit",
        ReportingOrganisation = "NCSC-NL",
        InternalNotes = "case 12",
        // AMBER+STRICT and RED are never re-shareable (Indicators refuses the submission).
        Distribution = tlp <= Tlp.Amber ? new Distribution { MayReshare = true, HopLimit = 2 } : new Distribution(),
    };

    public static async Task SubmitAsync(FeedHost host, IndicatorSubmission submission)
    {
        var response = await host.Indicators.SubmitAsync(new SubmitRequest { Indicators = { submission } });
        Assert.True(response.Results[0].Outcome == SubmitOutcome.Created, response.Results[0].ToString());
    }

    /// <summary>A canonical encoding v2 version of <paramref name="origin"/>, signed by <paramref name="key"/>, applied as if received from it.</summary>
    public static async Task<Indicator> ApplyForeignAsync(FeedHost host, NodeSigningKey key, string origin, string value, Tlp tlp, RelayAudience audience, Tlp maxRelayTlp)
    {
        var version = ForeignVersion(key, origin, value, tlp, audience, maxRelayTlp);
        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(host, key, version));
        return version;
    }

    /// <summary>A canonical encoding v2 version of <paramref name="origin"/>, changed by <paramref name="change"/>, then signed by <paramref name="key"/>.</summary>
    public static Indicator ForeignVersion(NodeSigningKey key, string origin, string value, Tlp tlp, RelayAudience audience, Tlp maxRelayTlp, Action<Indicator>? change = null)
    {
        var version = ForeignVersions.Unsigned(origin, origin.ToLowerInvariant() + "-1");
        version.Id = Guid.NewGuid().ToString();
        version.Type = IndicatorType.Domain;
        version.Value = value;
        version.Tlp = tlp;
        version.Sectors.Clear();
        version.Sectors.Add(Sector.Energy);
        version.Distribution = new Distribution { MayReshare = true, HopLimit = 2, RelayAudience = audience, MaxRelayTlp = maxRelayTlp };
        change?.Invoke(version);
        IndicatorRedaction.Commit(version);
        key.Sign(version);
        return version;
    }

    /// <summary>Applies <paramref name="version"/> through this node's Indicators as Federation does, received through <paramref name="path"/>.</summary>
    public static async Task<ApplyOutcome> ApplyAsync(FeedHost host, NodeSigningKey key, Indicator version, params RelayHop[] path)
    {
        var response = await host.IndicatorsAsFederation.ApplyForeignVersionAsync(new ApplyForeignVersionRequest
        {
            Indicator = version,
            OriginPublicKey = ByteString.CopyFrom(key.PublicKey),
            Path = { path },
        });
        return response.Outcome;
    }

    /// <summary>Reads records (checkpoints included) until an indicator with <paramref name="lastValue"/> arrives.</summary>
    public static async Task<List<FeedRecord>> ReadUntilAsync(IAsyncStreamReader<FeedRecord> stream, string lastValue, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        var records = new List<FeedRecord>();
        while (await stream.MoveNext(cancel.Token))
        {
            records.Add(stream.Current);
            if (stream.Current.Indicator?.Version.Value == lastValue)
            {
                return records;
            }
        }

        throw new InvalidOperationException("the stream ended before " + lastValue);
    }

    public static List<string> Values(IEnumerable<FeedRecord> records) =>
        [.. records.Where(r => r.KindCase == FeedRecord.KindOneofCase.Indicator).Select(r => r.Indicator.Version.Value)];
}
