using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Serving;

/// <summary>
/// Serves this node's feed to one subscriber (Subscribe): from its cursor, filtered and redacted by its agreements,
/// then live (docs/federation.md).
/// </summary>
internal sealed class FeedServer
{
    public Task ServeAsync(SubscribeRequest request, IServerStreamWriter<FeedRecord> stream, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "Subscribe is being built"));
}
