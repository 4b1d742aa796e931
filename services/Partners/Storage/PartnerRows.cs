using System.Data.Common;
using System.Globalization;
using CyberPledge.Partners.Audit;
using CyberPledge.Storage;
using CyberPledge.V1;
using Google.Protobuf;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Partners.Storage;

/// <summary>
/// The stores' reads, written once over ADO.NET: both databases take the same SQL ($1, $2 placeholders, bigint
/// sequences and microsecond times, protobuf bodies) and return the same column types.
/// </summary>
internal static class PartnerRows
{
    private const string LatestVersions = """
        SELECT body FROM agreement_versions a
        WHERE seq = (SELECT MAX(seq) FROM agreement_versions b WHERE b.agreement_id = a.agreement_id AND b.seq <= $1)
        ORDER BY agreement_id
        """;

    public static Peer? FindPeer(DbConnection connection, string nation) =>
        ReadMessages(connection, Peer.Parser, "SELECT body FROM peers WHERE nation = $1", nation).SingleOrDefault();

    public static List<Peer> ListPeers(DbConnection connection) =>
        ReadMessages(connection, Peer.Parser, "SELECT body FROM peers ORDER BY nation");

    public static ulong PeerRevision(DbConnection connection)
    {
        using var command = Command(connection, "SELECT revision FROM peer_registry");
        return (ulong)(long)command.ExecuteScalar()!;
    }

    /// <summary>The peers and their revision in one statement, so both come from the same committed state.</summary>
    public static PeerRegistrySnapshot PeerRegistry(DbConnection connection)
    {
        using var command = Command(connection, "SELECT r.revision, p.body FROM peer_registry r LEFT JOIN peers p ON 1 = 1 ORDER BY p.nation");
        using var reader = command.ExecuteReader();
        var snapshot = new PeerRegistrySnapshot();
        while (reader.Read())
        {
            snapshot.Revision = (ulong)reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                snapshot.Peers.Add(Peer.Parser.ParseFrom((byte[])reader.GetValue(1)));
            }
        }

        return snapshot;
    }

    public static SharingAgreement? FindAgreement(DbConnection connection, string id, ulong version) => version == 0
        ? ReadMessages(connection, SharingAgreement.Parser, "SELECT body FROM agreement_versions WHERE agreement_id = $1 ORDER BY version DESC LIMIT 1", id).SingleOrDefault()
        : ReadMessages(connection, SharingAgreement.Parser, "SELECT body FROM agreement_versions WHERE agreement_id = $1 AND version = $2", id, (long)version).SingleOrDefault();

    public static List<SharingAgreement> ListAgreements(DbConnection connection, ulong throughSequence) =>
        ReadMessages(connection, SharingAgreement.Parser, LatestVersions, StoreSequence.ToColumn(throughSequence));

    public static List<SharingAgreement> History(DbConnection connection, string id) =>
        ReadMessages(connection, SharingAgreement.Parser, "SELECT body FROM agreement_versions WHERE agreement_id = $1 ORDER BY version", id);

    public static List<(ulong Sequence, SharingAgreement Agreement)> Changes(DbConnection connection, ulong afterSequence, int limit)
    {
        using var command = Command(connection, "SELECT seq, body FROM agreement_versions WHERE seq > $1 ORDER BY seq LIMIT $2", StoreSequence.ToColumn(afterSequence), limit);
        using var reader = command.ExecuteReader();
        var changes = new List<(ulong, SharingAgreement)>();
        while (reader.Read())
        {
            changes.Add(((ulong)reader.GetInt64(0), SharingAgreement.Parser.ParseFrom((byte[])reader.GetValue(1))));
        }

        return changes;
    }

    /// <summary>The filters that are set become conditions; each uses an index (by grantee and time, by subject, by time).</summary>
    public static List<AuditRecord> ListAudit(DbConnection connection, AuditQuery query)
    {
        var conditions = new List<string> { "seq > $1" };
        var values = new List<object> { StoreSequence.ToColumn(query.AfterSequence) };
        void Where(string condition, object value)
        {
            values.Add(value);
            conditions.Add(condition.Replace("$?", "$" + values.Count, StringComparison.Ordinal));
        }

        if (query.Grantee.Length > 0)
        {
            Where("grantee = $?", query.Grantee);
        }

        if (query.Subject.Length > 0)
        {
            Where("subject = $?", query.Subject);
        }

        if (query.Action.EndsWith('.'))
        {
            // A prefix compared as such (no LIKE pattern to escape, no collation order involved).
            Where(string.Create(CultureInfo.InvariantCulture, $"substr(action, 1, {query.Action.Length}) = $?"), query.Action);
        }
        else if (query.Action.Length > 0)
        {
            Where("action = $?", query.Action);
        }

        if (query.From is { } from)
        {
            Where("at_us >= $?", StoreTime.ToUnixMicroseconds(from));
        }

        if (query.To is { } to)
        {
            Where("at_us < $?", StoreTime.ToUnixMicroseconds(to));
        }

        values.Add(query.Limit);
        var sql = $"SELECT {AuditColumns} FROM audit WHERE {string.Join(" AND ", conditions)} ORDER BY seq LIMIT ${values.Count}";
        using var command = Command(connection, sql, [.. values]);
        using var reader = command.ExecuteReader();
        var records = new List<AuditRecord>();
        while (reader.Read())
        {
            records.Add(ReadAudit(reader));
        }

        return records;
    }

    public const string AuditColumns = "seq, at_us, actor, action, subject, grantee, before, after, previous_hash, hash";

    public static AuditRecord ReadAudit(DbDataReader reader) => new()
    {
        Sequence = (ulong)reader.GetInt64(0),
        At = AuditChain.ToTimestamp(reader.GetInt64(1)),
        Actor = reader.GetString(2),
        Action = reader.GetString(3),
        Subject = reader.GetString(4),
        Grantee = reader.GetString(5),
        Before = reader.GetString(6),
        After = reader.GetString(7),
        PreviousHash = ByteString.CopyFrom((byte[])reader.GetValue(8)),
        Hash = ByteString.CopyFrom((byte[])reader.GetValue(9)),
    };

    public static List<T> ReadMessages<T>(DbConnection connection, MessageParser<T> parser, string sql, params object[] values)
        where T : IMessage<T>
    {
        using var command = Command(connection, sql, values);
        using var reader = command.ExecuteReader();
        var messages = new List<T>();
        while (reader.Read())
        {
            messages.Add(parser.ParseFrom((byte[])reader.GetValue(0)));
        }

        return messages;
    }

    /// <summary>A command with positional parameters: SQLite names them "$1", "$2"; Npgsql takes them unnamed.</summary>
    public static DbCommand Command(DbConnection connection, string sql, params object[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            if (command is SqliteCommand)
            {
                parameter.ParameterName = "$" + (i + 1);
            }

            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
