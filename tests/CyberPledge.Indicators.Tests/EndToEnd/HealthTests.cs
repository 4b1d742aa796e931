using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CyberPledge.Indicators.Tests.EndToEnd;

/// <summary>The process answers grpc.health.v1 probes, which carry no token.</summary>
public sealed class HealthTests
{
    [Theory]
    [InlineData("")]
    [InlineData("cyberpledge.v1.Indicators")]
    public async Task Check_NoToken_Serving(string service)
    {
        using var data = new TemporaryDirectory();
        await using var process = await ServiceProcess.StartAsync(data.Path);
        var health = new Health.HealthClient(process.Channel);

        var response = await health.CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(30));

        Assert.Equal(ServingStatus.Serving, response.Status);
    }
}
