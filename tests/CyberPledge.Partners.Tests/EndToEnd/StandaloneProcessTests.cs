using CyberPledge.Partners.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CyberPledge.Partners.Tests.EndToEnd;

/// <summary>The service as its own process (`dotnet CyberPledge.Partners.dll`), as an operator starts it.</summary>
public sealed class StandaloneProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    [Fact]
    public async Task Start_NewDataDirectory_ServesAgreementsRefusesPartnersChangesAndKeepsThemAcrossRestart()
    {
        using var data = new TemporaryDirectory();
        using var tokens = new TestTokens();
        await using (var process = await StartAsync(data.Path, tokens))
        {
            using var channel = GrpcChannel.ForAddress(process.Address);
            var admin = new V1.Partners.PartnersClient(TestTokens.WithToken(channel.CreateCallInvoker(), tokens.Admin));
            var japan = new V1.Partners.PartnersClient(TestTokens.WithToken(channel.CreateCallInvoker(), tokens.For("partner:JPN")));

            await admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer() }, deadline: Deadline);
            await admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement() }, deadline: Deadline);
            var refused = await Assert.ThrowsAsync<RpcException>(() => japan.ActivateAgreementAsync(new AgreementTransitionRequest { Id = "JPN-2026-01", ExpectedVersion = 1 }, deadline: Deadline).ResponseAsync);
            await admin.ActivateAgreementAsync(new AgreementTransitionRequest { Id = "JPN-2026-01", ExpectedVersion = 1 }, deadline: Deadline);

            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
            Assert.True(File.Exists(Path.Combine(data.Path, "partners.db")));
            Assert.Equal(0, await process.StopAsync(TimeSpan.FromSeconds(30)));
        }

        await using (var restarted = await StartAsync(data.Path, tokens))
        {
            using var channel = GrpcChannel.ForAddress(restarted.Address);
            var japan = new V1.Partners.PartnersClient(TestTokens.WithToken(channel.CreateCallInvoker(), tokens.For("partner:JPN")));
            var analyst = new V1.Partners.PartnersClient(TestTokens.WithToken(channel.CreateCallInvoker(), tokens.Analyst));

            var own = await japan.GetAgreementAsync(new GetAgreementRequest { Id = "JPN-2026-01" }, deadline: Deadline);
            var verified = await analyst.VerifyAuditAsync(new VerifyAuditRequest(), deadline: Deadline);

            Assert.Equal((AgreementStatus.Active, 2ul), (own.Status, own.Version));
            Assert.Equal((true, 3ul), (verified.Valid, verified.Records));
        }
    }

    private static async Task<ChildProcess> StartAsync(string dataDirectory, TestTokens tokens)
    {
        var environment = new Dictionary<string, string?>(tokens.ServiceEnvironment) { ["Logging__LogLevel__Default"] = "Warning" };
        var process = ChildProcess.StartDotnet(
            RepositoryPaths.BuildOutput("services/Partners", "CyberPledge.Partners.dll"),
            ["--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0"],
            environment: environment);
        try
        {
            await process.WaitForListeningAsync(StartTimeout);
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }
}
