using Grpc.Core;

namespace CyberPledge.InteropClient.Cases;

/// <summary>special_status_message: whitespace and Unicode (BMP and not) survive in a status message.</summary>
internal sealed class SpecialStatusMessageCase : IInteropCase
{
    private const string Message = "\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \U0001F608\t\n";

    public string Name => "special_status_message";

    public Task RunAsync(InteropClients clients) => EchoedStatus.AssertUnaryAsync(clients, StatusCode.Unknown, Message);
}
