using CyberPledge.ServiceDefaults.Readiness;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Node;

/// <summary>
/// This node as its Indicators service knows it (origin nation and node id, signing key, feed id), asked once at
/// start-up (again until Indicators answers): Federation serves and relays in this node's name.
/// </summary>
internal sealed class NodeSelf(NodeServices services) : IStartupWork
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(250);

    private NodeIdentity? _identity;

    public NodeIdentity Identity => _identity ?? throw new InvalidOperationException("The node's identity is not known yet.");

    public string Nation => Identity.Origin.Nation;

    public string NodeId => Identity.Origin.NodeId;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                _identity = await services.Indicators.GetNodeIdentityAsync(new GetNodeIdentityRequest(), cancellationToken: cancellationToken);
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                await Task.Delay(Retry, cancellationToken);
            }
        }
    }
}
