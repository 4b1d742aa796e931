using CyberPledge.Interop.Tests.Fixtures;
using CyberPledge.Interop.Tests.Infrastructure;
using Xunit;

namespace CyberPledge.Interop.Tests;

/// <summary>Our client's cases against our server.</summary>
public sealed class CSharpClientAgainstCSharpServerTests(InteropServerFixture server) : IClassFixture<InteropServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCaseNames.All), MemberType = typeof(InteropCaseNames))]
    public async Task RunCase_AgainstOurServer_Passes(string testCase)
    {
        var (exitCode, output) = await CSharpClient.RunAsync(server.Port, testCase);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
    }
}
