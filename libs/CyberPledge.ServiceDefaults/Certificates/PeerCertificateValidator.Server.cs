using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CyberPledge.ServiceDefaults.Certificates;

public sealed partial class PeerCertificateValidator
{
    /// <summary>
    /// The check of a peer gateway's server certificate, for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>
    /// (Federation connecting to a peer): it must chain to <paramref name="peerCa"/>, be for server authentication,
    /// name <paramref name="expectedNation"/> in O and a node id in CN, and name the host connected to in its
    /// subjectAltName (SslStream checks the name; a mismatch is refused here).
    /// </summary>
    /// <param name="peerCa">The peer's CA from the registry. The caller owns it and keeps it alive while the callback is in use.</param>
    /// <param name="expectedNation">The peer's nation.</param>
    /// <param name="timeProvider">The clock validity is judged by; the system's by default.</param>
    /// <param name="refused">Told each refusal, for a log line.</param>
    public static RemoteCertificateValidationCallback ServerValidator(X509Certificate2 peerCa, string expectedNation,
        TimeProvider? timeProvider = null, Action<PeerCertificateResult>? refused = null)
    {
        ArgumentNullException.ThrowIfNull(peerCa);
        return ServerValidator(new TrustedPeerCertificate(expectedNation, peerCa, PinnedSha256: null), timeProvider, refused);
    }

    /// <summary>
    /// As <see cref="ServerValidator(X509Certificate2, string, TimeProvider?, Action{PeerCertificateResult}?)"/>, for a
    /// registry entry with a CA, a pinned fingerprint or both.
    /// </summary>
    public static RemoteCertificateValidationCallback ServerValidator(TrustedPeerCertificate peer,
        TimeProvider? timeProvider = null, Action<PeerCertificateResult>? refused = null)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var validator = new PeerCertificateValidator([peer]);
        var time = timeProvider ?? TimeProvider.System;
        return (_, certificate, chain, errors) =>
        {
            var result = Judge(validator, certificate, chain, errors, time.GetUtcNow());
            if (!result.IsTrusted)
            {
                refused?.Invoke(result);
            }
            return result.IsTrusted;
        };
    }

    private static PeerCertificateResult Judge(PeerCertificateValidator validator, X509Certificate? certificate, X509Chain? chain,
        SslPolicyErrors errors, DateTimeOffset now)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return PeerCertificateResult.Refused("no certificate presented");
        }
        // SslStream compares the names whether or not the chain validated against the system's roots.
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return PeerCertificateResult.Refused("its subjectAltName does not name the host connected to");
        }
        // RemoteCertificateChainErrors is expected: the system does not trust a nation's CA; the validator decides.
        if (certificate is X509Certificate2 leaf)
        {
            return validator.Validate(leaf, chain?.ChainPolicy.ExtraStore, now, CertificatePurpose.ServerAuthentication);
        }
        using var converted = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return validator.Validate(converted, chain?.ChainPolicy.ExtraStore, now, CertificatePurpose.ServerAuthentication);
    }
}
