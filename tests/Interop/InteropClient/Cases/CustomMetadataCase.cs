using CyberPledge.InteropServer.Shared;
using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.InteropClient.Cases;

/// <summary>custom_metadata: ASCII and binary metadata echoed in the response headers and trailers, unary and duplex.</summary>
internal sealed class CustomMetadataCase : IInteropCase
{
    private const string InitialValue = "test_initial_metadata_value";
    private static readonly byte[] TrailingValue = [0xab, 0xab, 0xab];

    public string Name => "custom_metadata";

    public async Task RunAsync(InteropClients clients)
    {
        var headers = new Metadata
        {
            { EchoMetadataKeys.Initial, InitialValue },
            { EchoMetadataKeys.TrailingBinary, TrailingValue },
        };

        using (var unary = clients.Test.UnaryCallAsync(
            new SimpleRequest { ResponseType = PayloadType.Compressable, ResponseSize = 314159, Payload = ZeroPayloads.OfSize(271828) },
            headers))
        {
            var response = await unary.ResponseAsync;
            InteropAssert.ZeroPayload(response.Payload, 314159, "UnaryCall response");
            AssertEchoed(await unary.ResponseHeadersAsync, unary.GetTrailers(), "UnaryCall");
        }

        using var duplex = clients.Test.FullDuplexCall(headers);
        await duplex.RequestStream.WriteAsync(new StreamingOutputCallRequest
        {
            ResponseType = PayloadType.Compressable,
            ResponseParameters = { new ResponseParameters { Size = 314159 } },
            Payload = ZeroPayloads.OfSize(271828),
        });
        await duplex.RequestStream.CompleteAsync();
        InteropAssert.True(await duplex.ResponseStream.MoveNext(CancellationToken.None), "FullDuplexCall: no response");
        InteropAssert.ZeroPayload(duplex.ResponseStream.Current.Payload, 314159, "FullDuplexCall response");
        InteropAssert.True(!await duplex.ResponseStream.MoveNext(CancellationToken.None), "FullDuplexCall: more than one response");
        InteropAssert.Equal(StatusCode.OK, duplex.GetStatus().StatusCode, "FullDuplexCall status");
        AssertEchoed(await duplex.ResponseHeadersAsync, duplex.GetTrailers(), "FullDuplexCall");
    }

    private static void AssertEchoed(Metadata responseHeaders, Metadata trailers, string call)
    {
        var initial = responseHeaders.Get(EchoMetadataKeys.Initial);
        InteropAssert.True(initial is { IsBinary: false }, $"{call}: no {EchoMetadataKeys.Initial} in the response headers");
        InteropAssert.Equal(InitialValue, initial!.Value, $"{call}: {EchoMetadataKeys.Initial}");

        var trailing = trailers.Get(EchoMetadataKeys.TrailingBinary);
        InteropAssert.True(trailing is { IsBinary: true }, $"{call}: no binary {EchoMetadataKeys.TrailingBinary} in the trailers");
        InteropAssert.Equal(Convert.ToHexString(TrailingValue), Convert.ToHexString(trailing!.ValueBytes), $"{call}: {EchoMetadataKeys.TrailingBinary}");
    }
}
