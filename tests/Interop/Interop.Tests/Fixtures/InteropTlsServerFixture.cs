namespace CyberPledge.Interop.Tests.Fixtures;

/// <summary>Our interop server over TLS (ALPN h2) with a certificate generated for the run.</summary>
public sealed class InteropTlsServerFixture() : InteropServerFixture(useTls: true);
