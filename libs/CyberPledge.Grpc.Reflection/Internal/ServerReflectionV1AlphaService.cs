using Google.Protobuf;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using V1 = Grpc.Reflection.V1;

namespace Grpc.Reflection.Internal;

/// <summary>
/// grpc.reflection.v1alpha.ServerReflection, which older tools ask for. Its messages have the same fields and numbers
/// as v1's, so each request is re-read as a v1 request and each v1 answer re-read as a v1alpha response.
/// </summary>
internal sealed class ServerReflectionV1AlphaService(ReflectionCatalog catalog) : ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requestStream, IServerStreamWriter<ServerReflectionResponse> responseStream, ServerCallContext context)
    {
        var index = catalog.Current;
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(requestStream.Current.ToByteString());
            var answer = ReflectionAnswers.Answer(index, request);
            await responseStream.WriteAsync(ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString())).ConfigureAwait(false);
        }
    }
}
