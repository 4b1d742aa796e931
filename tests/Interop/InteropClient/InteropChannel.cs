using Grpc.Core;

namespace CyberPledge.InteropClient;

/// <summary>PLACEHOLDER until the client runtime lands.</summary>
internal static class InteropChannel
{
    public static Placeholder Create(InteropClientOptions options) => throw new NotImplementedException(options.ServerHost);

    internal sealed class Placeholder : ChannelBase, IDisposable
    {
        public Placeholder() : base("x") { }
        public override CallInvoker CreateCallInvoker() => throw new NotImplementedException();
        public void Dispose() { }
    }
}
