using CyberPledge.Gateway.Peers;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace CyberPledge.Gateway.Taxii;

/// <summary>
/// Partners' VerifyTaxiiCredential, called as <c>service:gateway</c> (the identity the gateway follows the registry
/// with), which is the only caller Partners answers it for.
/// </summary>
internal sealed class PartnersCredentialVerifier : ITaxiiCredentialVerifier, IDisposable
{
    private readonly ServiceTokens _tokens;
    private readonly GrpcChannel _channel;
    private readonly Partners.PartnersClient _client;

    public PartnersCredentialVerifier(IOptions<GatewayOptions> options, IOptions<CallerIdentityOptions> identity)
    {
        var settings = options.Value;
        var audience = settings.ForwardAudience.Length > 0 ? settings.ForwardAudience : identity.Value.Audience;
        _tokens = ServiceTokens.FromKeyFile(settings.InternalIssuer, settings.InternalKeyFile, RegistryFollower.ServiceName, audience);
        _channel = GrpcChannel.ForAddress(settings.Backends[GatewayOptions.PartnersBackend].Address);
        _client = new Partners.PartnersClient(_tokens.Apply(_channel.CreateCallInvoker()));
    }

    public async Task<VerifiedTaxiiCredential?> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        var answer = await _client.VerifyTaxiiCredentialAsync(
            new VerifyTaxiiCredentialRequest { Username = username, Password = password },
            deadline: DateTime.UtcNow.AddSeconds(10),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return answer.Valid ? new VerifiedTaxiiCredential(answer.Nation, answer.Subject) : null;
    }

    public void Dispose()
    {
        _channel.Dispose();
        _tokens.Dispose();
    }
}
