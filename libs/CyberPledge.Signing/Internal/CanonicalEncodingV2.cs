using CyberPledge.V1;

namespace CyberPledge.Signing.Internal;

/// <summary>
/// Canonical encoding v2 (docs/indicators.md): as v1, except that each redactable field is replaced by its
/// commitment's digest, and the distribution's relay audience and maximum relay TLP and the exercise marker are
/// signed too. Canonical encoding v3 is v2 under its own domain string followed by the import provenance
/// (SECURITY.md rule 2).
/// </summary>
internal static class CanonicalEncodingV2
{
    public static void Write(CanonicalWriter writer, Indicator indicator) => WriteBody(writer, indicator, IndicatorCanonicalEncoding.IndicatorDomainV2);

    /// <summary>Encoding v3: v2's fields under the v3 domain string, then the five fields of <c>imported</c>.</summary>
    public static void WriteV3(CanonicalWriter writer, Indicator indicator)
    {
        var imported = indicator.Imported
            ?? throw new ArgumentException("A canonical encoding v3 version needs its import provenance (imported).", nameof(indicator));
        WriteBody(writer, indicator, IndicatorCanonicalEncoding.IndicatorDomainV3);
        writer.WriteString(imported.Source);
        writer.WriteString(imported.StixId);
        writer.WriteTimestamp(imported.StixModified);
        writer.WriteBool(imported.Promoted);
        writer.WriteString(imported.PromotedBy);
    }

    private static void WriteBody(CanonicalWriter writer, Indicator indicator, string domain)
    {
        var commitments = indicator.Commitments
            ?? throw new ArgumentException("A canonical encoding v2 or v3 version needs its commitments (IndicatorRedaction.Commit).", nameof(indicator));
        writer.WriteString(domain);
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
