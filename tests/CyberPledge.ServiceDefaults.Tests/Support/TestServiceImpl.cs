using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;
using Microsoft.AspNetCore.Authorization;

namespace CyberPledge.ServiceDefaults.Tests.Support;

/// <summary>UnaryCall echoes the payload size; StreamingOutputCall sends one message, then holds the stream open until cancelled.</summary>
[AllowAnonymous]
internal sealed class TestServiceImpl : TestService.TestServiceBase
{
    public override Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context) =>
        Task.FromResult(new SimpleResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[request.ResponseSize]) } });

    public override async Task StreamingOutputCall(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync(new StreamingOutputCallResponse { Payload = new Payload() });
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
    }
}
