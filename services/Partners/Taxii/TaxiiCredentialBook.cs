using CyberPledge.Partners.Audit;
using CyberPledge.Partners.Grpc;
using CyberPledge.Partners.Peers;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;

namespace CyberPledge.Partners.Taxii;

/// <summary>
/// TAXII Basic credentials for partner applications (docs/partners.md "TAXII credentials", SECURITY.md rule 10):
/// issued for a registered nation with a generated username and password, stored as a salted slow hash, listed
/// without secrets, revoked for good; issue and revoke are written with their audit records. Verification costs the
/// same work whether the username exists, is revoked or the password is wrong, so its timing tells nothing.
/// </summary>
internal sealed class TaxiiCredentialBook(IPartnerStore store, TimeProvider time, IOptions<PartnersOptions> options)
{
    /// <summary>The subject a Basic caller's calls carry: "taxii-credential:&lt;username&gt;".</summary>
    public const string SubjectPrefix = "taxii-credential:";

    private const int MaxLabelLength = 200;
    private const int MaxUsernameLength = 64;
    private const int MaxPasswordLength = 1024;

    // What an unknown username is checked against: the same work as a real one, and random bytes no password hashes to.
    private readonly byte[] _dummySalt = TaxiiPasswords.NewSalt();
    private readonly byte[] _dummyHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    private readonly PasswordCheckSlots _checks = PasswordCheckSlots.ForThisMachine();

    private int Iterations => options.Value.TaxiiCredentialIterations;

    public async Task<IssueTaxiiCredentialResponse> IssueAsync(IssueTaxiiCredentialRequest request, string actor, CancellationToken cancellationToken)
    {
        var nation = PeerValidator.Nation("nation", request.Nation);
        ShareAudit.Text("label", request.Label, MaxLabelLength, required: false);
        var password = TaxiiPasswords.NewPassword();
        var salt = TaxiiPasswords.NewSalt();
        var iterations = Iterations;
        // Hashed before the write: the store's writer is shared by every change and must not wait on PBKDF2.
        var hash = TaxiiPasswords.Hash(password, salt, iterations);
        var credential = new TaxiiCredential
        {
            Username = TaxiiPasswords.NewUsername(),
            Nation = nation,
            Label = request.Label,
            Created = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            CreatedBy = actor,
        };
        await store.WriteAsync(transaction =>
        {
            if (transaction.FindPeer(nation) is null && !transaction.HasAgreementWith(nation))
            {
                throw Refusals.FailedPrecondition($"nation: {nation} is neither in the peer registry nor the grantee of an agreement");
            }

            if (transaction.FindTaxiiCredential(credential.Username) is not null)
            {
                throw Refusals.AlreadyExists($"TAXII credential {credential.Username}");
            }

            return transaction.SaveTaxiiCredential(new StoredTaxiiCredential(credential, salt, hash, iterations), Entry(actor, "taxii-credential.issued", null, credential));
        }, cancellationToken).ConfigureAwait(false);
        return new IssueTaxiiCredentialResponse { Credential = credential, Password = password };
    }

    public Task<IReadOnlyList<TaxiiCredential>> ListAsync(CancellationToken cancellationToken) => store.ListTaxiiCredentialsAsync(cancellationToken);

    public Task<TaxiiCredential> RevokeAsync(string username, string actor, CancellationToken cancellationToken)
    {
        RequireUsername(username);
        return store.WriteAsync(transaction =>
        {
            var stored = transaction.FindTaxiiCredential(username) ?? throw Refusals.NotFound($"TAXII credential {username}");
            if (stored.Credential.Revoked is not null)
            {
                throw Refusals.FailedPrecondition($"username: TAXII credential {username} is revoked already");
            }

            var revoked = stored.Credential.Clone();
            revoked.Revoked = Timestamp.FromDateTimeOffset(time.GetUtcNow());
            revoked.RevokedBy = actor;
            transaction.SaveTaxiiCredential(stored with { Credential = revoked }, Entry(actor, "taxii-credential.revoked", stored.Credential, revoked));
            return revoked;
        }, cancellationToken);
    }

    public async Task<VerifyTaxiiCredentialResponse> VerifyAsync(VerifyTaxiiCredentialRequest request, CancellationToken cancellationToken)
    {
        RequireUsername(request.Username);
        if (request.Password.Length > MaxPasswordLength)
        {
            throw Refusals.InvalidArgument("password", $"longer than {MaxPasswordLength} characters");
        }

        var stored = await store.GetTaxiiCredentialAsync(request.Username, cancellationToken).ConfigureAwait(false);
        var matches = await _checks.RunAsync(
            () => stored is null
                ? TaxiiPasswords.Matches(request.Password, _dummySalt, Iterations, _dummyHash)
                : TaxiiPasswords.Matches(request.Password, stored.Salt, stored.Iterations, stored.Hash),
            cancellationToken).ConfigureAwait(false);
        // A revoked credential is hashed all the same, so revocation does not show in the timing either.
        return matches && stored is { Credential.Revoked: null }
            ? new VerifyTaxiiCredentialResponse { Valid = true, Nation = stored.Credential.Nation, Subject = SubjectPrefix + stored.Credential.Username }
            : new VerifyTaxiiCredentialResponse { Valid = false };
    }

    private static void RequireUsername(string username)
    {
        if (username.Length is 0 or > MaxUsernameLength)
        {
            throw Refusals.InvalidArgument("username", $"required, at most {MaxUsernameLength} characters");
        }
    }

    private AuditEntry Entry(string actor, string action, TaxiiCredential? before, TaxiiCredential after) =>
        new(time.GetUtcNow(), actor, action, SubjectPrefix + after.Username, after.Nation, CanonicalJson.Of(before), CanonicalJson.Of(after));
}
