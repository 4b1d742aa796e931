using Microsoft.Extensions.Logging;

namespace CyberPledge.Indicators.Storage.Postgres;

internal static partial class PostgresLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Indicator store opened on PostgreSQL database {Database} at {Host}: schema version {SchemaVersion}, feed {FeedId}, last sequence {LastSequence}.")]
    public static partial void Opened(ILogger logger, string? database, string? host, int schemaVersion, string feedId, ulong lastSequence);


    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "PostgreSQL runs with fsync off: commits the indicator store acknowledges can be lost in a crash of the database's machine.")]
    public static partial void FsyncOff(ILogger logger);
}
