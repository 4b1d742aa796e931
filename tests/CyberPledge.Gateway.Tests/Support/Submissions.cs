using CyberPledge.V1;

namespace CyberPledge.Gateway.Tests.Support;

/// <summary>Indicators to submit through the gateway.</summary>
internal static class Submissions
{
    /// <summary>Distinct IPv4 indicators numbered from <paramref name="first"/>.</summary>
    public static SubmitRequest Ipv4Batch(int first, int count)
    {
        var request = new SubmitRequest();
        for (var n = first; n < first + count; n++)
        {
            request.Indicators.Add(new IndicatorSubmission
            {
                Type = IndicatorType.Ipv4,
                Value = $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}",
                Tlp = Tlp.Green,
                Confidence = 80,
                Severity = Severity.High,
                Sectors = { Sector.Energy },
            });
        }

        return request;
    }
}
