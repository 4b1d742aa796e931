using Grpc.Core;

namespace CyberPledge.InteropClient.Cases;

/// <summary>status_code_and_message: a status code and message requested of the server come back, unary and duplex.</summary>
internal sealed class StatusCodeAndMessageCase : IInteropCase
{
    private const string Message = "test status message";

    public string Name => "status_code_and_message";

    public async Task RunAsync(InteropClients clients)
    {
        await EchoedStatus.AssertUnaryAsync(clients, StatusCode.Unknown, Message);
        await EchoedStatus.AssertFullDuplexAsync(clients, StatusCode.Unknown, Message);
    }
}
