using CyberPledge.V1;

namespace CyberPledge.Signing.Internal;

/// <summary>
/// Canonical encoding v2 (docs/indicators.md): as v1, except that each redactable field is replaced by its
/// commitment's digest, and the distribution's relay audience and maximum relay TLP and the exercise marker are
/// signed too.
/// </summary>
internal static class CanonicalEncodingV2
{
    public static void Write(CanonicalWriter writer, Indicator indicator)
    {
        var commitments = indicator.Commitments
            ?? throw new ArgumentException("A canonical encoding v2 version needs its commitments (IndicatorRedaction.Commit).", nameof(indicator));
        writer.WriteString(IndicatorCanonicalEncoding.IndicatorDomainV2);
        IndicatorCanonicalEncoding.WriteObservable(writer, indicator);
        writer.WriteTimestamp(indicator.ValidFrom);
        writer.WriteTimestamp(indicator.ValidUntil);
        foreach (var field in FieldDigests.Order)
        {
            var commitment = FieldDigests.Get(commitments, field)
                ?? throw new ArgumentException($"The commitment of {field} is missing.", nameof(indicator));
            writer.WriteBytes(commitment.Digest.Span);
        }

        writer.WriteString(indicator.Origin?.Nation ?? "");
        writer.WriteString(indicator.Origin?.NodeId ?? "");
        writer.WriteUInt64(indicator.Version);
        writer.WriteBool(indicator.Revoked);
        writer.WriteBool(indicator.Exercise);
        WriteDistribution(writer, indicator.Distribution);
        writer.WriteTimestamp(indicator.Created);
        writer.WriteTimestamp(indicator.Modified);
        writer.WriteString(indicator.Signature?.Algorithm ?? "");
        writer.WriteBytes(indicator.Signature is null ? [] : indicator.Signature.KeyId.Span);
    }

    private static void WriteDistribution(CanonicalWriter writer, Distribution? distribution)
    {
        writer.WriteBool(distribution?.MayReshare ?? false);
        writer.WriteUInt32(distribution?.HopLimit ?? 0);
        var audience = distribution?.RelayAudience;
        writer.WriteUInt32((uint)(audience?.Tiers.Count ?? 0));
        if (audience is not null)
        {
            foreach (var tier in audience.Tiers)
            {
                writer.WriteInt32((int)tier);
            }
        }

        writer.WriteUInt32((uint)(audience?.Nations.Count ?? 0));
        if (audience is not null)
        {
            foreach (var nation in audience.Nations)
            {
                writer.WriteString(nation);
            }
        }

        writer.WriteInt32((int)(distribution?.MaxRelayTlp ?? Tlp.Unspecified));
    }
}
