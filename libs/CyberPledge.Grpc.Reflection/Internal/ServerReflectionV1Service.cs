using Grpc.Core;
using Grpc.Reflection.V1;

namespace Grpc.Reflection.Internal;

/// <summary>
/// grpc.reflection.v1.ServerReflection: one answer per request, in order, until the client half-closes. Open to
/// anonymous callers (the node's other services require a token): it describes the API, never data.
/// </summary>
internal sealed class ServerReflectionV1Service(ReflectionCatalog catalog) : ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requestStream, IServerStreamWriter<ServerReflectionResponse> responseStream, ServerCallContext context)
    {
        var index = catalog.Current;
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(ReflectionAnswers.Answer(index, requestStream.Current)).ConfigureAwait(false);
        }
    }
}
