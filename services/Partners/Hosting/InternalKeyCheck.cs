using System.Security.Cryptography;
using CyberPledge.ServiceDefaults.Identity;
using Microsoft.Extensions.Options;

namespace CyberPledge.Partners.Hosting;

/// <summary>
/// At start, with <see cref="PartnersOptions.InternalKeyFile"/> set: the node's internal issuer must be configured, and
/// the key file must hold its private key. Otherwise every call Partners makes to Indicators as
/// <c>service:partners</c> would be refused much later, as UNAUTHENTICATED behind a FAILED_PRECONDITION of Preview.
/// What the Identity section gets wrong by itself (no key, a malformed one) is its own validator's to report.
/// </summary>
internal sealed class InternalKeyCheck(IOptions<CallerIdentityOptions> identity) : IValidateOptions<PartnersOptions>
{
    private const string KeySetting = $"{PartnersOptions.SectionName}:InternalKeyFile (--internal-key)";
    private const string IssuerSetting = $"{CallerIdentityOptions.SectionName}:InternalIssuer";

    public ValidateOptionsResult Validate(string? name, PartnersOptions options)
    {
        // A missing file is PartnersOptions.Validate's to report.
        if (options.InternalKeyFile.Length == 0 || !File.Exists(options.InternalKeyFile))
        {
            return ValidateOptionsResult.Skip;
        }

        CallerIdentityOptions trusted;
        try
        {
            trusted = identity.Value;
        }
        catch (OptionsValidationException)
        {
            return ValidateOptionsResult.Skip;
        }

        var error = Check(options.InternalKeyFile, trusted.InternalIssuer);
        return error is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
    }

    private static string? Check(string keyFile, IssuerKeyOptions? issuer)
    {
        if (issuer is null || string.IsNullOrWhiteSpace(issuer.Issuer))
        {
            return $"{KeySetting} is set but {IssuerSetting} is not: configure {IssuerSetting}:Issuer and its public key (PublicKeyPem or PublicKeyFile), the key the node's services trust for service: callers";
        }

        using var privateKey = TryImport(ReadOrNull(keyFile), requirePrivate: true);
        if (privateKey is null)
        {
            return $"{KeySetting}: \"{keyFile}\" is not readable as an EC private key PEM (PKCS#8 or SEC1)";
        }

        var (publicKeyPem, setting) = !string.IsNullOrWhiteSpace(issuer.PublicKeyPem)
            ? (issuer.PublicKeyPem, "PublicKeyPem")
            : (ReadOrNull(issuer.PublicKeyFile), "PublicKeyFile");
        using var publicKey = TryImport(publicKeyPem, requirePrivate: false);
        if (publicKey is null)
        {
            return null;
        }

        return privateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey.ExportSubjectPublicKeyInfo())
            ? null
            : $"{KeySetting}: the key in \"{keyFile}\" is not the one {IssuerSetting}:{setting} holds: the node's services would refuse Partners' service:partners calls; give the private key of {IssuerSetting} (\"{issuer.Issuer}\")";
    }

    private static string? ReadOrNull(string? file)
    {
        try
        {
            return string.IsNullOrWhiteSpace(file) ? null : File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ECDsa? TryImport(string? pem, bool requirePrivate)
    {
        if (pem is null)
        {
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (requirePrivate)
            {
                // Throws for a public key alone.
                key.ExportParameters(includePrivateParameters: true);
            }

            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }
}
