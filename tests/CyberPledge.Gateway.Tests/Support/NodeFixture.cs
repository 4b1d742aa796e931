using CyberPledge.Testing.Nodes;

namespace CyberPledge.Gateway.Tests.Support;

/// <summary>One node (Gateway, Indicators, Partners as processes) shared by a test class.</summary>
public class NodeFixture : IAsyncLifetime
{
    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    /// <summary>Settings of the gateway for this fixture (a subclass may set others).</summary>
    protected virtual TestNodeOptions Options => new();

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(Options);

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
