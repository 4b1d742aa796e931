using CyberPledge.ReflectionTesting;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;

namespace CyberPledge.Grpc.Reflection.Tests.Infrastructure;

/// <summary>grpc.testing.TestService with UnaryCall only: a payload of response_size zeros, and the caller's name.</summary>
public sealed class UnaryTestService : TestService.TestServiceBase
{
    public override Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context) =>
        Task.FromResult(new SimpleResponse
        {
            Payload = new Payload { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[request.ResponseSize]) },
            Username = context.GetHttpContext().User.Identity?.Name ?? "",
        });
}

/// <summary>cyberpledge.testing.ReflectionProbe: only its descriptor matters, so every method is left unimplemented.</summary>
public sealed class ReflectionProbeService : ReflectionProbe.ReflectionProbeBase;
