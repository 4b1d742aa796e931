using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators.Tests.Support;

/// <summary>Test data: submissions and complete versions.</summary>
internal static class TestIndicators
{
    public static IndicatorSubmission Domain(string value, Tlp tlp = Tlp.Green) => new()
    {
        Type = IndicatorType.Domain,
        Value = value,
        Tlp = tlp,
        Confidence = 70,
        Severity = Severity.Medium,
        Description = "seen in phishing",
        ReportingOrganisation = "CERT-XX",
        InternalNotes = "source: honeypot 4",
    };

    /// <summary>The value after <paramref name="change"/>, for test data one step away from a sample.</summary>
    public static T With<T>(this T value, Action<T> change)
    {
        change(value);
        return value;
    }

    public static IndicatorSubmission Ipv4(int n) => new()
    {
        Type = IndicatorType.Ipv4,
        Value = $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}",
        Tlp = Tlp.Amber,
        Confidence = 50,
    };
}
