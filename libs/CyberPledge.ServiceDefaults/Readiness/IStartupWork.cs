namespace CyberPledge.ServiceDefaults.Readiness;

/// <summary>
/// What a service must finish before it serves (open its store, load its key). It runs once the host listens, so the
/// health service can report NOT_SERVING meanwhile; the service's other calls answer UNAVAILABLE until every work is
/// done. A failure stops the process with one line naming the problem and exit code 1.
/// </summary>
public interface IStartupWork
{
    /// <summary>Does the work; throws to fail the start.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
