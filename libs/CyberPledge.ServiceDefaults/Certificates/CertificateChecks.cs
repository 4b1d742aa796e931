using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CyberPledge.ServiceDefaults.Certificates;

/// <summary>The checks of a peer's certificate, each with the reason a refusal gives.</summary>
internal static class CertificateChecks
{
    public const string OrganizationOid = "2.5.4.10";
    public const string CommonNameOid = "2.5.4.3";

    public const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";
    private const int PrintableLength = 64;

    public static string? TimeFailure(X509Certificate2 leaf, DateTimeOffset now)
    {
        var notAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime());
        var notBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime());
        if (now > notAfter)
        {
            return $"expired on {Format(notAfter)}";
        }
        return now < notBefore ? $"not yet valid: valid from {Format(notBefore)}" : null;
    }

    /// <summary>What makes a certificate unfit whoever vouches for it: a CA as a node, or another purpose.</summary>
    public static string? LeafFailure(X509Certificate2 leaf, CertificatePurpose expected)
    {
        if (leaf.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
        {
            return "is a CA certificate, not a node certificate";
        }
        var purposeOid = PurposeOid(expected);
        // Required explicitly (an absent extension would mean any purpose): node certificates name what they are for.
        var usages = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().SingleOrDefault()?.EnhancedKeyUsages;
        if (usages is null || !usages.Cast<Oid>().Any(u => u.Value == purposeOid))
        {
            return expected == CertificatePurpose.ClientAuthentication ? "not for client authentication" : "not for server authentication";
        }
        return null;
    }

    /// <summary>Whether <paramref name="ca"/> is named as the issuer of the leaf or of an intermediate: only those chains are built.</summary>
    public static bool MayHaveIssued(X509Certificate2 ca, X509Certificate2 leaf, X509Certificate2Collection? intermediates)
    {
        var subject = ca.SubjectName.RawData.AsSpan();
        if (subject.SequenceEqual(leaf.IssuerName.RawData))
        {
            return true;
        }
        foreach (var intermediate in intermediates ?? [])
        {
            if (subject.SequenceEqual(intermediate.IssuerName.RawData))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The one candidate whose CA, as the only trusted root, validates a chain from <paramref name="leaf"/> at
    /// <paramref name="now"/> for <paramref name="expected"/>; null with the reason when none or several do.
    /// </summary>
    public static TrustedPeerCertificate? ChainingPeer(IReadOnlyList<TrustedPeerCertificate> candidates, X509Certificate2 leaf,
        X509Certificate2Collection? intermediates, DateTimeOffset now, CertificatePurpose expected, out string? failure)
    {
        var chained = new List<TrustedPeerCertificate>();
        var refusals = new List<string>();
        foreach (var candidate in candidates)
        {
            if (BuildsChain(candidate.Ca!, leaf, intermediates, now, expected) is { } problem)
            {
                refusals.Add($"{candidate.Nation}: {problem}");
            }
            else
            {
                chained.Add(candidate);
            }
        }

        var nations = chained.Select(c => c.Nation).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        failure = nations.Count switch
        {
            1 => null,
            0 when refusals.Count == 0 => "does not chain to the CA of any registered peer (no registered CA is its issuer)",
            0 => $"does not chain to the CA of any registered peer ({string.Join("; ", refusals)})",
            _ => $"chains to the CAs of several registered peers ({string.Join(", ", nations)})",
        };
        return failure is null ? chained[0] : null;
    }

    /// <summary>The value of the subject's one attribute of this type; null when absent or repeated.</summary>
    public static string? SingleName(X509Certificate2 certificate, string oid)
    {
        string? found = null;
        foreach (var name in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (name.HasMultipleElements || name.GetSingleElementType().Value != oid)
            {
                continue;
            }
            if (found is not null)
            {
                return null;
            }
            found = name.GetSingleElementValue() ?? "";
        }
        return found;
    }

    /// <summary>A certificate field fit for a log line: the peer chose it, so no control characters and no great length.</summary>
    public static string Printable(string? value)
    {
        if (value is null)
        {
            return "(none or several)";
        }
        var clean = new string([.. value.Take(PrintableLength).Select(c => char.IsControl(c) ? '?' : c)]);
        return value.Length > PrintableLength ? clean + "..." : clean;
    }

    private static string? BuildsChain(X509Certificate2 ca, X509Certificate2 leaf, X509Certificate2Collection? intermediates,
        DateTimeOffset now, CertificatePurpose expected)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(ca);
        if (intermediates is not null)
        {
            policy.ExtraStore.AddRange(intermediates);
        }
        // Development CAs publish no CRL; a peer is cut off by removing it from the registry instead.
        policy.RevocationMode = X509RevocationMode.NoCheck;
        // Never fetch issuers from addresses a peer's certificate names.
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        policy.ApplicationPolicy.Add(new Oid(PurposeOid(expected)));
        try
        {
            if (chain.Build(leaf))
            {
                return null;
            }
            var statuses = chain.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct();
            return string.Join(", ", statuses);
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    private static string PurposeOid(CertificatePurpose purpose) =>
        purpose == CertificatePurpose.ClientAuthentication ? ClientAuthenticationOid : ServerAuthenticationOid;

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
