using Grpc.Core;
using Grpc.Reflection.V1;

namespace Grpc.Reflection.Internal;

/// <summary>
/// Answers one grpc.reflection.v1 request (doc/server-reflection.md): the query's answer or an error_response, always
/// with the request echoed. Files come with all their imports, every time: a client may forget what it was sent.
/// </summary>
internal static class ReflectionAnswers
{
    public static ServerReflectionResponse Answer(DescriptorIndex index, ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                response.ListServicesResponse = new ListServiceResponse();
                response.ListServicesResponse.Service.Add(index.ServiceNames.Select(name => new ServiceResponse { Name = name }));
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFiles(response, index.FindFile(request.FileByFilename), $"File not found: {request.FileByFilename}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFiles(response, index.FindFileContainingSymbol(request.FileContainingSymbol), $"Symbol not found: {request.FileContainingSymbol}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                var extension = request.FileContainingExtension;
                SetFiles(response, index.FindFileContainingExtension(extension.ContainingType, extension.ExtensionNumber),
                    $"Extension not found: {extension.ContainingType} {extension.ExtensionNumber}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                SetExtensionNumbers(response, request.AllExtensionNumbersOfType, index.FindExtensionNumbers(request.AllExtensionNumbersOfType));
                break;
            default:
                // No query, or one from a later version of the protocol that this server does not know.
                SetError(response, StatusCode.Unimplemented, "The request is not implemented.");
                break;
        }
        return response;
    }

    private static void SetFiles(ServerReflectionResponse response, Google.Protobuf.Reflection.FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }
        response.FileDescriptorResponse = new FileDescriptorResponse();
        response.FileDescriptorResponse.FileDescriptorProto.Add(DescriptorIndex.WithDependencies(file).Select(f => f.SerializedData));
    }

    private static void SetExtensionNumbers(ServerReflectionResponse response, string type, IReadOnlyCollection<int>? numbers)
    {
        if (numbers is null)
        {
            SetError(response, StatusCode.NotFound, $"Type not found: {type}");
            return;
        }
        response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = type };
        response.AllExtensionNumbersResponse.ExtensionNumber.Add(numbers);
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}
