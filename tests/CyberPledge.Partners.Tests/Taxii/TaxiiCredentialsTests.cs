using CyberPledge.Partners.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Partners.Tests.Taxii;

/// <summary>TAXII Basic credentials over the wire (SECURITY.md rules 1 and 10): issue, verify, revoke, audit, roles.</summary>
public sealed class TaxiiCredentialsTests : IAsyncLifetime
{
    private PartnersHost _host = null!;

    private V1.Partners.PartnersClient Gateway => _host.ClientWith(_host.Tokens.For(Roles.Service("gateway")));

    public async Task InitializeAsync()
    {
        _host = await PartnersHost.StartAsync();
        await _host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer("JPN") });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<StatusCode> CodeOf(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    [Fact]
    public async Task IssueThenVerify_RightPassword_ValidWithNationAndSubject_WrongOrUnknown_NotValid()
    {
        var issued = await _host.Admin.IssueTaxiiCredentialAsync(new IssueTaxiiCredentialRequest { Nation = "JPN", Label = "Tokyo SOC" });

        Assert.Matches("^taxii-[0-9a-f]{16}$", issued.Credential.Username);
        Assert.Matches("^[A-Za-z0-9_-]{32}$", issued.Password);
        Assert.Equal("JPN", issued.Credential.Nation);
        var right = await Gateway.VerifyTaxiiCredentialAsync(new VerifyTaxiiCredentialRequest { Username = issued.Credential.Username, Password = issued.Password });
        Assert.True(right.Valid);
        Assert.Equal("JPN", right.Nation);
        Assert.Equal("taxii-credential:" + issued.Credential.Username, right.Subject);
        var wrong = await Gateway.VerifyTaxiiCredentialAsync(new VerifyTaxiiCredentialRequest { Username = issued.Credential.Username, Password = issued.Password + "x" });
        var unknown = await Gateway.VerifyTaxiiCredentialAsync(new VerifyTaxiiCredentialRequest { Username = "taxii-0000000000000000", Password = issued.Password });
        Assert.Equal(new VerifyTaxiiCredentialResponse(), wrong);
        Assert.Equal(new VerifyTaxiiCredentialResponse(), unknown);
    }

    [Fact]
    public async Task Revoke_ThenVerify_NotValid_ListedAsRevoked_IssueAndRevokeAudited_NoSecretAnywhere()
    {
        var issued = await _host.Admin.IssueTaxiiCredentialAsync(new IssueTaxiiCredentialRequest { Nation = "JPN" });
        var username = issued.Credential.Username;

        var revoked = await _host.Admin.RevokeTaxiiCredentialAsync(new RevokeTaxiiCredentialRequest { Username = username });

        Assert.NotNull(revoked.Revoked);
        Assert.False((await Gateway.VerifyTaxiiCredentialAsync(new VerifyTaxiiCredentialRequest { Username = username, Password = issued.Password })).Valid);
        var listed = Assert.Single((await _host.Admin.ListTaxiiCredentialsAsync(new ListTaxiiCredentialsRequest())).Credentials);
        Assert.Equal(revoked, listed);
        Assert.Equal(StatusCode.FailedPrecondition, await CodeOf(() => _host.Admin.RevokeTaxiiCredentialAsync(new RevokeTaxiiCredentialRequest { Username = username }).ResponseAsync));
        var audit = (await _host.Admin.ListAuditAsync(new ListAuditRequest { Subject = "taxii-credential:" + username })).Records;
        Assert.Equal(["taxii-credential.issued", "taxii-credential.revoked"], audit.Select(r => r.Action));
        Assert.All(audit, r => Assert.Equal("JPN", r.Grantee));
        Assert.All(audit, r => Assert.StartsWith("test-admin", r.Actor, StringComparison.Ordinal));
        Assert.DoesNotContain(audit, r => r.After.Contains(issued.Password, StringComparison.Ordinal));
        Assert.True((await _host.Admin.VerifyAuditAsync(new VerifyAuditRequest())).Valid);
    }

    [Fact]
    public async Task Issue_BadInput_PreciseRefusalAndNothingWritten()
    {
        var unregistered = await Assert.ThrowsAsync<RpcException>(() => _host.Admin.IssueTaxiiCredentialAsync(new IssueTaxiiCredentialRequest { Nation = "KOR" }).ResponseAsync);
        var malformed = await Assert.ThrowsAsync<RpcException>(() => _host.Admin.IssueTaxiiCredentialAsync(new IssueTaxiiCredentialRequest { Nation = "jp" }).ResponseAsync);
        var bidi = await Assert.ThrowsAsync<RpcException>(() => _host.Admin.IssueTaxiiCredentialAsync(new IssueTaxiiCredentialRequest { Nation = "JPN", Label = "a\u202Eb" }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, unregistered.StatusCode);
        Assert.StartsWith("nation:", unregistered.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.StartsWith("nation", malformed.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, bidi.StatusCode);
        Assert.StartsWith("label:", bidi.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await _host.Admin.ListTaxiiCredentialsAsync(new ListTaxiiCredentialsRequest())).Credentials);
        Assert.Equal(StatusCode.NotFound, await CodeOf(() => _host.Admin.RevokeTaxiiCredentialAsync(new RevokeTaxiiCredentialRequest { Username = "taxii-0000000000000000" }).ResponseAsync));
    }

    [Fact]
    public async Task Issue_GranteeOfAnAgreementNotInTheRegistry_Issued()
    {
        await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement("KOR-1", "KOR") });

        var issued = await _host.Admin.IssueTaxiiCredentialAsync(new IssueTaxiiCredentialRequest { Nation = "KOR" });

        Assert.Equal("KOR", issued.Credential.Nation);
    }

    [Fact]
    public async Task Methods_OtherThanTheirRole_PermissionDenied()
    {
        var notAdmins = new[] { _host.Analyst, _host.Partner("JPN"), _host.ClientWith(_host.Tokens.Federation), Gateway };
        foreach (var client in notAdmins)
        {
            Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => client.IssueTaxiiCredentialAsync(new IssueTaxiiCredentialRequest { Nation = "JPN" }).ResponseAsync));
            Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => client.ListTaxiiCredentialsAsync(new ListTaxiiCredentialsRequest()).ResponseAsync));
            Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => client.RevokeTaxiiCredentialAsync(new RevokeTaxiiCredentialRequest { Username = "taxii-0000000000000000" }).ResponseAsync));
        }

        var notGateways = new[] { _host.Admin, _host.Analyst, _host.Partner("JPN"), _host.ClientWith(_host.Tokens.Federation) };
        foreach (var client in notGateways)
        {
            Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => client.VerifyTaxiiCredentialAsync(new VerifyTaxiiCredentialRequest { Username = "taxii-0000000000000000", Password = "x" }).ResponseAsync));
        }

        Assert.Equal(StatusCode.Unauthenticated, await CodeOf(() => _host.Anonymous.VerifyTaxiiCredentialAsync(new VerifyTaxiiCredentialRequest { Username = "u", Password = "x" }).ResponseAsync));
    }
}
