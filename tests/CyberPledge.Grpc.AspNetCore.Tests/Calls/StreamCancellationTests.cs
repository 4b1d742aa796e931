using CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;
using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Calls;

/// <summary>A client reset while a streaming handler waits to read ends the handler quietly: no unhandled exception.</summary>
public sealed class StreamCancellationTests
{
    [Fact]
    public async Task ClientResetsWhileHandlerReadsWithCallToken_HandlerEndsAndNothingIsLoggedAsError()
    {
        var observer = new CallObserver();
        await using var server = await TestServer.StartAsync(
            services =>
            {
                services.AddSingleton(observer);
                services.AddGrpc();
            },
            app => app.MapGrpcService<ScriptedTestService>());
        using var client = new RawGrpcClient(server.Address);
        using var cancel = new CancellationTokenSource();

        var call = client.SendAsync("/grpc.testing.TestService/HalfDuplexCall",
            new OpenEndedContent(RawGrpcClient.Frame(new StreamingOutputCallRequest().ToByteArray()), cancel.Token), cancellationToken: cancel.Token);
        await observer.HandlerStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await observer.HandlerCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200); // Kestrel logs an unhandled exception after the request delegate ends.
        Assert.Empty(server.Errors.Entries);
    }

    /// <summary>
    /// Kestrel fails the request body reader's calls (ReadAsync, AdvanceTo) with "The client reset the request stream."
    /// as soon as RST_STREAM arrives, but cancels RequestAborted later, on the thread pool: a handler read in between
    /// sees the IOException while the call does not look aborted yet (seen intermittently with the interop clients'
    /// cancel_after_begin and cancel_after_first_response, C-core and grpc-js alike). A body reader that fails that way
    /// while RequestAborted is never cancelled makes the window permanent.
    /// </summary>
    [Theory]
    [InlineData("/grpc.testing.TestService/StreamingInputCall", ResetAt.FirstRead)]
    [InlineData("/grpc.testing.TestService/StreamingInputCall", ResetAt.AdvancePastFirstMessage)]
    [InlineData("/grpc.testing.TestService/StreamingInputCall", ResetAt.ReadAfterFirstMessage)]
    [InlineData("/grpc.testing.TestService/UnaryCall", ResetAt.FirstRead)]
    [InlineData("/grpc.testing.TestService/UnaryCall", ResetAt.AdvancePastFirstMessage)]
    [InlineData("/grpc.testing.TestService/UnaryCall", ResetAt.ReadAfterFirstMessage)]
    public async Task RequestBodyResetBeforeRequestAborted_EndsCancelledAndNothingIsLoggedAsError(string path, ResetAt resetAt)
    {
        IMessage request = path.EndsWith("/UnaryCall", StringComparison.Ordinal)
            ? new SimpleRequest { ResponseSize = 1 }
            : new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(1, 2, 3) } };
        var message = RawGrpcClient.Frame(request.ToByteArray());
        await using var server = await TestServer.StartAsync(
            services =>
            {
                services.AddSingleton(new CallObserver());
                services.AddGrpc();
            },
            app =>
            {
                app.Use((context, next) =>
                {
                    context.Features.Set<IRequestBodyPipeFeature>(new ResetRequestBody(message, resetAt));
                    return next(context);
                });
                app.MapGrpcService<ScriptedTestService>();
            });
        using var client = new RawGrpcClient(server.Address);

        var response = await client.SendAsync(path, message);

        Assert.Equal("1", response.GrpcStatus); // CANCELLED, as the client meant; after a real reset nobody reads it
        await Task.Delay(200); // Kestrel logs an unhandled exception after the request delegate ends.
        Assert.Empty(server.Errors.Entries);
    }

    /// <summary>Which call on the request body reader fails first.</summary>
    public enum ResetAt
    {
        FirstRead,
        AdvancePastFirstMessage,
        ReadAfterFirstMessage,
    }

    /// <summary>
    /// A request body that fails as Kestrel's does once the client reset the stream: from the call
    /// <paramref name="resetAt"/> names on, after returning <paramref name="first"/> (one framed message) before it.
    /// </summary>
    private sealed class ResetRequestBody(byte[] first, ResetAt resetAt) : IRequestBodyPipeFeature
    {
        public PipeReader Reader { get; } = new ResetReader(first, resetAt);

        private sealed class ResetReader(byte[] first, ResetAt resetAt) : PipeReader
        {
            private bool _firstReturned;
            private bool _reset;

            public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
                TryRead(out var result) ? ValueTask.FromResult(result) : throw Reset();

            public override bool TryRead(out ReadResult result)
            {
                result = default;
                if (_reset || _firstReturned || resetAt == ResetAt.FirstRead)
                {
                    _reset = true;
                    return false;
                }
                _firstReturned = true;
                result = new ReadResult(new ReadOnlySequence<byte>(first), isCanceled: false, isCompleted: false);
                return true;
            }

            public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

            public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
            {
                if (_reset || resetAt == ResetAt.AdvancePastFirstMessage)
                {
                    _reset = true;
                    throw Reset();
                }
            }

            public override void CancelPendingRead()
            {
            }

            public override void Complete(Exception? exception = null)
            {
            }

            private static IOException Reset() => new("The client reset the request stream.");
        }
    }

    /// <summary>Sends one message, then keeps the request stream open until cancelled.</summary>
    private sealed class OpenEndedContent(byte[] first, CancellationToken cancellationToken) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(first, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
