using System.Data.Common;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Partners.Storage;

/// <summary>The <c>taxii_credentials</c> table's statements, the same SQL on both databases (<see cref="PartnerRows.Command"/>).</summary>
internal static class TaxiiCredentialRows
{
    public const string Upsert = """
        INSERT INTO taxii_credentials (username, nation, salt, hash, iterations, body) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (username) DO UPDATE SET body = excluded.body
        """;

    /// <summary>The values of <see cref="Upsert"/>: a stored credential's salt, hash and iterations never change, only its listed part.</summary>
    public static object[] Values(StoredTaxiiCredential stored) =>
        [stored.Credential.Username, stored.Credential.Nation, stored.Salt, stored.Hash, (long)stored.Iterations, stored.Credential.ToByteArray()];

    public static StoredTaxiiCredential? Find(DbConnection connection, string username)
    {
        using var command = PartnerRows.Command(connection, "SELECT body, salt, hash, iterations FROM taxii_credentials WHERE username = $1", username);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new StoredTaxiiCredential(
                TaxiiCredential.Parser.ParseFrom((byte[])reader.GetValue(0)), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2), (int)reader.GetInt64(3))
            : null;
    }

    public static List<TaxiiCredential> List(DbConnection connection) =>
        PartnerRows.ReadMessages(connection, TaxiiCredential.Parser, "SELECT body FROM taxii_credentials ORDER BY username");

    /// <summary>Whether any version of any agreement names <paramref name="grantee"/>.</summary>
    public static bool HasAgreementWith(DbConnection connection, string grantee)
    {
        using var command = PartnerRows.Command(connection, "SELECT 1 FROM agreement_versions WHERE grantee = $1 LIMIT 1", grantee);
        return command.ExecuteScalar() is not null;
    }
}
