using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Signing.Tests.Support;

/// <summary>One change to each signed part of a v2 copy, full or redacted; every one must make verification fail.</summary>
internal static class V2Alterations
{
    public static readonly (string Name, Action<Indicator> Alter)[] All =
    [
        ("id", v => v.Id = "5d2d7b9e-8e55-4a59-9b7c-2f0b6f1f3c10"),
        ("type", v => v.Type = IndicatorType.Md5),
        ("value", v => v.Value = new string('b', 64)),
        ("tlp", v => v.Tlp = v.Tlp == Tlp.Amber ? Tlp.Clear : Tlp.Amber),
        ("confidence", v => v.Confidence ^= 1),
        ("severity", v => v.Severity = v.Severity == Severity.Low ? Severity.High : Severity.Low),
        ("sectors", v => v.Sectors.Add(Sector.Water)),
        ("valid_from", v => v.ValidFrom = new Timestamp { Seconds = v.ValidFrom.Seconds + 1 }),
        ("valid_until", v => v.ValidUntil = v.ValidUntil is null ? new Timestamp { Seconds = 1 } : null),
        ("origin.nation", v => v.Origin.Nation = "DEU"),
        ("origin.node_id", v => v.Origin.NodeId += "x"),
        ("version", v => v.Version++),
        ("revoked", v => v.Revoked = !v.Revoked),
        ("exercise", v => v.Exercise = !v.Exercise),
        ("distribution.may_reshare", v => v.Distribution.MayReshare = !v.Distribution.MayReshare),
        ("distribution.hop_limit", v => v.Distribution.HopLimit++),
        ("distribution.relay_audience.tiers", v => Audience(v).Tiers.Add(Tier.Partner)),
        ("distribution.relay_audience.nations", v => Audience(v).Nations.Add("CHN")),
        ("distribution.max_relay_tlp", v => v.Distribution.MaxRelayTlp = v.Distribution.MaxRelayTlp == Tlp.Clear ? Tlp.Amber : Tlp.Clear),
        ("created", v => v.Created = new Timestamp { Seconds = v.Created.Seconds - 1 }),
        ("modified", v => v.Modified = new Timestamp { Seconds = v.Modified.Seconds + 1 }),
        ("encoding", v => v.Encoding = CanonicalEncoding.V1),
        ("signature.algorithm", v => v.Signature.Algorithm += "x"),
        ("signature.value", v => v.Signature.Value = Flip(v.Signature.Value)),
        ("signature.leaf_index", v => v.Signature.LeafIndex++),
        ("sensitive_digest", v => v.SensitiveDigest = ByteString.CopyFrom(new byte[32])),
        ("sensitive.salt", v => Sensitive(v).Salt = ByteString.CopyFrom(new byte[16])),
        ("sensitive.reporting_organisation", v => Sensitive(v).ReportingOrganisation += "!"),
        ("sensitive.internal_notes", v => Sensitive(v).InternalNotes += "!"),
        ("description", v => v.Description += "!"),
        ("tags", v => v.Tags.Add("zzz")),
        ("kill_chain_phases", v => v.KillChainPhases.Add(new KillChainPhase { KillChainName = "z", PhaseName = "z" })),
        .. Commitment("reporting_organisation", c => c.ReportingOrganisation),
        .. Commitment("internal_notes", c => c.InternalNotes),
        .. Commitment("description", c => c.Description),
        .. Commitment("tags", c => c.Tags),
        .. Commitment("kill_chain_phases", c => c.KillChainPhases),
    ];

    private static (string, Action<Indicator>)[] Commitment(string name, Func<FieldCommitments, FieldCommitment> of) =>
    [
        ($"commitments.{name}.digest", v => of(v.Commitments).Digest = Flip(of(v.Commitments).Digest)),
        // A redacted field has no salt: giving it one (the field still empty) must fail as much as changing one.
        ($"commitments.{name}.salt", v => of(v.Commitments).Salt = of(v.Commitments).Salt.IsEmpty ? ByteString.CopyFrom(new byte[16]) : Flip(of(v.Commitments).Salt)),
        ($"commitments.{name}", v => SetNull(v.Commitments, name)),
    ];

    private static void SetNull(FieldCommitments c, string name)
    {
        switch (name)
        {
            case "reporting_organisation": c.ReportingOrganisation = null; break;
            case "internal_notes": c.InternalNotes = null; break;
            case "description": c.Description = null; break;
            case "tags": c.Tags = null; break;
            default: c.KillChainPhases = null; break;
        }
    }

    private static RelayAudience Audience(Indicator v) => v.Distribution.RelayAudience ??= new RelayAudience();

    private static SensitiveFields Sensitive(Indicator v) => v.Sensitive ??= new SensitiveFields();

    private static ByteString Flip(ByteString bytes)
    {
        var copy = bytes.ToByteArray();
        copy[0] ^= 0x01;
        return ByteString.CopyFrom(copy);
    }
}
