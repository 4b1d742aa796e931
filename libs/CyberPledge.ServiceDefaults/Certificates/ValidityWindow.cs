using System.Security.Cryptography.X509Certificates;

namespace CyberPledge.ServiceDefaults.Certificates;

/// <summary>The span of time within which every certificate of a set is valid: a cached verdict holds only within it.</summary>
internal readonly record struct ValidityWindow(DateTimeOffset From, DateTimeOffset Until)
{
    public static ValidityWindow Of(X509Certificate2 certificate) => new(certificate.NotBefore, certificate.NotAfter);

    public bool Contains(DateTimeOffset instant) => From <= instant && instant <= Until;

    public ValidityWindow Intersect(X509Certificate2 certificate) => new(
        Max(From, certificate.NotBefore), Min(Until, certificate.NotAfter));

    public ValidityWindow Intersect(X509Certificate2Collection? certificates)
    {
        var window = this;
        foreach (var certificate in certificates ?? [])
        {
            window = window.Intersect(certificate);
        }
        return window;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
