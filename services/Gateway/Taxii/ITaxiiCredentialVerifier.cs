namespace CyberPledge.Gateway.Taxii;

/// <summary>A Basic credential as Partners vouches for it: the grantee nation and the subject its calls carry.</summary>
internal sealed record VerifiedTaxiiCredential(string Nation, string Subject);

/// <summary>Checks a Basic credential where the credentials live (Partners); the slow hash is done there.</summary>
internal interface ITaxiiCredentialVerifier
{
    /// <summary>The credential's nation and subject, or null when it is not valid (unknown, wrong password, revoked).</summary>
    /// <exception cref="Grpc.Core.RpcException">Partners could not answer.</exception>
    Task<VerifiedTaxiiCredential?> VerifyAsync(string username, string password, CancellationToken cancellationToken);
}
