namespace CyberPledge.ServiceDefaults.Certificates;

/// <summary>What a peer's certificate is presented for: its extended key usage must allow it.</summary>
public enum CertificatePurpose
{
    /// <summary>A peer node calling this node's gateway (mutual TLS): extended key usage clientAuth.</summary>
    ClientAuthentication,

    /// <summary>A peer's gateway that this node's Federation client connects to: extended key usage serverAuth.</summary>
    ServerAuthentication,
}
