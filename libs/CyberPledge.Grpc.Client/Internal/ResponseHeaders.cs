using System.Globalization;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Internal;

namespace Grpc.Net.Client.Internal;

/// <summary>Reads gRPC's parts of HTTP response headers and trailers without parsing or copying the rest.</summary>
internal static class ResponseHeaders
{
    public static string? GetValue(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    /// <summary>The status in grpc-status and grpc-message; false when there is no grpc-status.</summary>
    public static bool TryGetStatus(HttpHeaders headers, out Status status)
    {
        var code = GetValue(headers, GrpcProtocolConstants.StatusTrailer);
        if (code is null)
        {
            status = default;
            return false;
        }
        var message = GetValue(headers, GrpcProtocolConstants.MessageTrailer);
        var detail = message is null ? "" : PercentEncoding.Decode(message);
        status = int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? new Status((StatusCode)value, detail)
            : new Status(StatusCode.Unknown, "Unexpected grpc-status value '" + code + "'. " + detail);
        return true;
    }

    /// <summary>The application metadata among headers; the shared empty instance when there is none.</summary>
    public static Metadata ToMetadata(HttpHeaders headers)
    {
        Metadata? metadata = null;
        foreach (var header in headers.NonValidated)
        {
            if (GrpcProtocolConstants.IsReservedHeader(header.Key))
            {
                continue;
            }
            metadata ??= new Metadata();
            foreach (var value in header.Value)
            {
                MetadataEncoding.AddHeader(metadata, header.Key, value);
            }
        }
        return metadata ?? Metadata.Empty;
    }
}
