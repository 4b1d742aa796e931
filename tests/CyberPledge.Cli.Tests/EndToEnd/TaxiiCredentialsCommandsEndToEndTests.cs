using System.Text;
using CyberPledge.V1;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Cli.Tests.EndToEnd;

/// <summary><c>taxii credentials issue|list|revoke</c> against the real Partners process (docs/cli.md).</summary>
public sealed partial class PartnersCommandsEndToEndTests
{
    [Fact]
    public async Task TaxiiCredentials_IssueListRevoke_PasswordShownOnceAndNeverStoredOrListed()
    {
        await Ok(Admin, "peers", "add", Write("jpn-peer.yaml", "nation: JPN\nname: Japan\ntier: partner\n"));

        var issued = await Ok(Admin, "taxii", "credentials", "issue", "JPN", "--label", "Tokyo SOC");
        var lines = issued.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var username = Assert.Single(lines, l => l.StartsWith("username: ", StringComparison.Ordinal))["username: ".Length..];
        var password = Assert.Single(lines, l => l.StartsWith("password: ", StringComparison.Ordinal))["password: ".Length..];
        Assert.Matches("^taxii-[0-9a-f]{16}$", username);
        Assert.Equal(32, password.Length);

        var listed = await Ok(Admin, "--json", "taxii", "credentials", "list");
        var credential = Assert.Single(Parse<ListTaxiiCredentialsResponse>(listed).Credentials);
        Assert.Equal((username, "JPN", "Tokyo SOC"), (credential.Username, credential.Nation, credential.Label));
        Assert.DoesNotContain(password, listed, StringComparison.Ordinal);
        Assert.Contains("Tokyo SOC", await Ok(Admin, "taxii", "credentials", "list"), StringComparison.Ordinal);
        Assert.False(DatabaseHolds(password), "the password is stored in clear");

        var revoked = Parse<TaxiiCredential>(await Ok(Admin, "--json", "taxii", "credentials", "revoke", username));
        Assert.NotNull(revoked.Revoked);
        Assert.Equal(revoked, Assert.Single(Parse<ListTaxiiCredentialsResponse>(await Ok(Admin, "--json", "taxii", "credentials", "list")).Credentials));
        await Refused("FAILED_PRECONDITION", Admin, "taxii", "credentials", "revoke", username);
        await Refused("FAILED_PRECONDITION", Admin, "taxii", "credentials", "issue", "KOR");
        await Refused("PERMISSION_DENIED", _node.As(_node.Tokens.Analyst), "taxii", "credentials", "issue", "JPN");
        await Refused("PERMISSION_DENIED", _node.As(_node.Tokens.For("partner:JPN")), "taxii", "credentials", "list");
        var actions = Parse<ListAuditResponse>(await Ok(Admin, "--json", "audit", "list", "--subject", "taxii-credential:" + username)).Records.Select(r => r.Action);
        Assert.Equal(["taxii-credential.issued", "taxii-credential.revoked"], actions);
    }

    /// <summary>Whether any value of the credentials table holds <paramref name="text"/> (as text or as UTF-8 bytes).</summary>
    private bool DatabaseHolds(string text)
    {
        using var connection = new SqliteConnection($"Data Source={_node.PartnersDatabase};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT username, nation, salt, hash, body FROM taxii_credentials";
        using var reader = command.ExecuteReader();
        var needle = Encoding.UTF8.GetBytes(text);
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i);
                var bytes = value as byte[] ?? Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                if (bytes.AsSpan().IndexOf(needle) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
