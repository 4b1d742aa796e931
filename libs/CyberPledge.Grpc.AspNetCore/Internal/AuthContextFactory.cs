using System.Security.Cryptography.X509Certificates;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>Builds a call's <see cref="AuthContext"/> from its connection's TLS client certificate.</summary>
internal static class AuthContextFactory
{
    public const string TransportSecurityType = "transport_security_type";
    public const string CommonName = "x509_common_name";
    public const string SubjectAlternativeName = "x509_subject_alternative_name";

    public static AuthContext Create(HttpContext httpContext)
    {
        var properties = new Dictionary<string, List<AuthProperty>>(StringComparer.Ordinal);
        var certificate = httpContext.Connection.ClientCertificate;
        if (httpContext.Request.IsHttps)
        {
            Add(properties, TransportSecurityType, "ssl");
        }
        if (certificate is null)
        {
            return new AuthContext(null, properties);
        }

        foreach (var name in SubjectAlternativeNames(certificate))
        {
            Add(properties, SubjectAlternativeName, name);
        }
        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!string.IsNullOrEmpty(commonName))
        {
            Add(properties, CommonName, commonName);
        }
        var identity = properties.ContainsKey(SubjectAlternativeName) ? SubjectAlternativeName
            : properties.ContainsKey(CommonName) ? CommonName : null;
        return new AuthContext(identity, properties);
    }

    private static IEnumerable<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                foreach (var dns in san.EnumerateDnsNames())
                {
                    yield return dns;
                }
                foreach (var ip in san.EnumerateIPAddresses())
                {
                    yield return ip.ToString();
                }
            }
        }
    }

    private static void Add(Dictionary<string, List<AuthProperty>> properties, string name, string value)
    {
        if (!properties.TryGetValue(name, out var list))
        {
            properties[name] = list = [];
        }
        list.Add(AuthProperty.Create(name, Encoding.UTF8.GetBytes(value)));
    }
}
