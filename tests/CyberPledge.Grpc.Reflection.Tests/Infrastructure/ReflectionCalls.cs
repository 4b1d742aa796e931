using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Net.Client;
using Grpc.Reflection.V1;
using Xunit;

namespace CyberPledge.Grpc.Reflection.Tests.Infrastructure;

/// <summary>grpc.reflection.v1 through the project's client: one stream per question, as a tool's one-off query.</summary>
public static class ReflectionCalls
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Sends the requests on one stream, half-closes, and returns every answer; the stream must end OK.</summary>
    public static async Task<List<ServerReflectionResponse>> AskAsync(GrpcChannel channel, params ServerReflectionRequest[] requests)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo(cancellationToken: cancel.Token);
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request);
        }
        await call.RequestStream.CompleteAsync();
        var responses = new List<ServerReflectionResponse>();
        while (await call.ResponseStream.MoveNext(cancel.Token))
        {
            responses.Add(call.ResponseStream.Current);
        }
        return responses;
    }

    public static async Task<ServerReflectionResponse> AskOneAsync(GrpcChannel channel, ServerReflectionRequest request) =>
        Assert.Single(await AskAsync(channel, request));

    /// <summary>The names of the files in a file_descriptor_response, in the order sent.</summary>
    public static List<string> FileNames(ServerReflectionResponse response)
    {
        Assert.Equal(ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse, response.MessageResponseCase);
        return [.. response.FileDescriptorResponse.FileDescriptorProto.Select(bytes => FileDescriptorProto.Parser.ParseFrom(bytes).Name)];
    }

    /// <summary>
    /// Builds descriptors from the returned bytes alone, the way a tool does: this fails unless every import came too.
    /// Returns them by file name.
    /// </summary>
    public static Dictionary<string, FileDescriptor> BuildFiles(ServerReflectionResponse response)
    {
        var pending = response.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => (Proto: FileDescriptorProto.Parser.ParseFrom(bytes), Bytes: bytes)).ToList();
        // BuildFromByteStrings takes every file after its imports; the server sends the asked-for file first.
        var ordered = new List<ByteString>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var next = pending.FindIndex(file => file.Proto.Dependency.All(placed.Contains));
            Assert.True(next >= 0, $"An import of {string.Join(", ", pending.Select(file => file.Proto.Name))} is missing.");
            ordered.Add(pending[next].Bytes);
            placed.Add(pending[next].Proto.Name);
            pending.RemoveAt(next);
        }
        return FileDescriptor.BuildFromByteStrings(ordered).ToDictionary(file => file.Name, StringComparer.Ordinal);
    }
}
