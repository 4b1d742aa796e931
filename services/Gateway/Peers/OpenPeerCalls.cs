using System.Collections.Concurrent;
using CyberPledge.Gateway.Routing;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Gateway.Peers;

/// <summary>
/// The peer calls in flight (streams above all): when the registry changes, each one's certificate is checked again
/// and a call whose peer is no longer trusted is ended at once, so removing a peer cuts it off, open streams included.
/// </summary>
internal sealed partial class OpenPeerCalls
{
    private readonly ConcurrentDictionary<CallInterruption, byte> _calls = new();
    private readonly PeerTrust _trust;
    private readonly ILogger<OpenPeerCalls> _logger;

    public OpenPeerCalls(PeerTrust trust, ILogger<OpenPeerCalls> logger)
    {
        _trust = trust;
        _logger = logger;
        trust.Changed += RecheckAll;
    }

    public int Count => _calls.Count;

    /// <summary>Tracks a peer's call until the returned handle is disposed.</summary>
    public Registration Track(CallInterruption call)
    {
        _calls.TryAdd(call, 0);
        return new Registration(this, call);
    }

    private void RecheckAll()
    {
        foreach (var call in _calls.Keys)
        {
            if (call.Caller.Certificate is not { } certificate)
            {
                continue;
            }

            var result = _trust.Validate(certificate, call.Caller.Intermediates);
            if (!result.IsTrusted)
            {
                LogCut(_logger, call.Caller.Subject, result.Failure ?? "not trusted");
                call.Interrupt(StatusCode.Unauthenticated, "the peer's certificate is no longer trusted by this node's registry");
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Ending the open call of {Peer}: {Reason}")]
    private static partial void LogCut(ILogger logger, string peer, string reason);

    /// <summary>Stops tracking a call when disposed.</summary>
    internal readonly struct Registration(OpenPeerCalls owner, CallInterruption call) : IDisposable
    {
        public void Dispose() => owner?._calls.TryRemove(call, out _);
    }
}
