using Microsoft.Extensions.Logging;

namespace CyberPledge.Indicators.Storage.Postgres;

internal static partial class PostgresLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Indicator store opened on PostgreSQL database {Database} at {Host}: schema version {SchemaVersion}, feed {FeedId}, last sequence {LastSequence}.")]
    public static partial void Opened(ILogger logger, string? database, string? host, int schemaVersion, string feedId, ulong lastSequence);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "The PostgreSQL listener for indicator commits failed; it listens again shortly (Watch goes live on other replicas' writes late, not never).")]
    public static partial void ListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "PostgreSQL runs with fsync off: commits the indicator store acknowledges can be lost in a crash of the database's machine.")]
    public static partial void FsyncOff(ILogger logger);
}
