using CyberPledge.Federation.Node;
using CyberPledge.Policy;
using CyberPledge.ServiceDefaults;
using CyberPledge.ServiceDefaults.Readiness;
using CyberPledge.V1;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Registry;

/// <summary>
/// This node's sharing agreements, followed live from Partners (WatchAgreements: the active set, then every change),
/// compiled into the policy engine that decides each delivery. A suspension, revocation or expiry is in force here as
/// soon as Partners sends it, and <see cref="Changed"/> tells open streams to check their grantee again.
/// </summary>
internal sealed partial class AgreementDirectory(NodeServices services, TimeProvider time, ILogger<AgreementDirectory> logger) : BackgroundService, IStartupWork
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, V1.SharingAgreement> _pending = new(StringComparer.Ordinal);
    private volatile Snapshot _current = new(PolicyEngine.Compile([]), new Dictionary<string, V1.SharingAgreement>());

    /// <summary>Raised after the agreements in force changed.</summary>
    public event Action? Changed;

    /// <summary>The engine compiled from the agreements in force.</summary>
    public PolicyEngine Engine => _current.Engine;

    /// <summary>The current version of each agreement Partners sent, by id.</summary>
    public IReadOnlyDictionary<string, V1.SharingAgreement> Agreements => _current.Agreements;

    public Task RunAsync(CancellationToken cancellationToken) => _loaded.Task.WaitAsync(cancellationToken);

    /// <summary>Whether <paramref name="grantee"/> has an agreement in force now (active, within its validity window).</summary>
    public bool IsInForce(string grantee)
    {
        var now = time.GetUtcNow();
        foreach (var agreement in _current.Agreements.Values)
        {
            if (agreement.Grantee == grantee && agreement.Status == AgreementStatus.Active
                && (agreement.ValidFrom is null || agreement.ValidFrom.ToDateTimeOffset() <= now)
                && (agreement.ValidUntil is null || agreement.ValidUntil.ToDateTimeOffset() > now))
            {
                return true;
            }
        }

        return false;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StreamFollower.FollowAsync(
            stop =>
            {
                // Each (re)connection starts with the whole active set.
                _pending.Clear();
                return services.Partners.WatchAgreements(new WatchAgreementsRequest(), cancellationToken: stop);
            },
            (change, _) =>
            {
                Apply(change);
                return Task.CompletedTask;
            },
            (failure, retry) => LogWatchFailed(logger, failure.StatusCode, failure.Status.Detail, retry.TotalMilliseconds),
            stoppingToken);

    private void Apply(AgreementChange change)
    {
        switch (change.Kind)
        {
            case AgreementChange.Types.Kind.Snapshot:
                _pending[change.Agreement.Id] = change.Agreement;
                return;
            case AgreementChange.Types.Kind.SnapshotEnd:
                Publish(new Dictionary<string, V1.SharingAgreement>(_pending, StringComparer.Ordinal));
                _pending.Clear();
                _loaded.TrySetResult();
                return;
            case AgreementChange.Types.Kind.Changed:
                var agreements = new Dictionary<string, V1.SharingAgreement>(_current.Agreements, StringComparer.Ordinal)
                {
                    [change.Agreement.Id] = change.Agreement,
                };
                Publish(agreements);
                return;
        }
    }

    private void Publish(Dictionary<string, V1.SharingAgreement> agreements)
    {
        _current = new Snapshot(PolicyEngine.Compile(agreements.Values.Select(AgreementContracts.ToModel)), agreements);
        LogInForce(logger, agreements.Values.Count(a => a.Status == AgreementStatus.Active));
        Changed?.Invoke();
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Following the agreements failed ({Status}: {Detail}); retrying in {DelayMs} ms with the last agreements in force")]
    private static partial void LogWatchFailed(ILogger logger, StatusCode status, string detail, double delayMs);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Agreements in force: {Active} active")]
    private static partial void LogInForce(ILogger logger, int active);

    private sealed record Snapshot(PolicyEngine Engine, IReadOnlyDictionary<string, V1.SharingAgreement> Agreements);
}
