using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Storage;

/// <summary>How a service runs its <see cref="GroupCommitWriter{TTransaction}"/>.</summary>
/// <typeparam name="TTransaction">The store's write transaction.</typeparam>
public sealed class GroupCommitWriterOptions<TTransaction>
{
    /// <summary>The writer thread's name (per service, so a thread dump says whose writer it is).</summary>
    public required string ThreadName { get; init; }

    /// <summary>Where a failed commit is logged; its category is the owner's.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The clock that says when <see cref="Maintenance"/> is due.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// A step run inside a batch's transaction, after its works and before its commit, at most once
    /// per <see cref="MaintenanceInterval"/> (the first batch runs it): pruning expired rows, for
    /// instance. It gets the current time. When it throws, the batch's commit fails.
    /// </summary>
    public Action<TTransaction, DateTimeOffset>? Maintenance { get; init; }

    /// <summary>The least time between two runs of <see cref="Maintenance"/>.</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromMinutes(1);
}
