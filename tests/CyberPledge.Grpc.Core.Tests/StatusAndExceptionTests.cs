using Grpc.Core;
using Xunit;

namespace CyberPledge.Grpc.Core.Tests;

public sealed class StatusAndExceptionTests
{
    [Fact]
    public void RpcException_CarriesStatusAndTrailers()
    {
        var trailers = new Metadata { { "k", "v" } };

        var exception = new RpcException(new Status(StatusCode.InvalidArgument, "value: empty"), trailers);

        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        Assert.Equal("value: empty", exception.Status.Detail);
        Assert.Same(trailers, exception.Trailers);
    }

    [Fact]
    public void Status_EqualityIgnoresDebugException() =>
        Assert.Equal(new Status(StatusCode.Internal, "x"), new Status(StatusCode.Internal, "x", new InvalidOperationException()));

    [Fact]
    public void StatusCodes_HaveTheProtocolNumbers()
    {
        Assert.Equal(0, (int)StatusCode.OK);
        Assert.Equal(4, (int)StatusCode.DeadlineExceeded);
        Assert.Equal(12, (int)StatusCode.Unimplemented);
        Assert.Equal(16, (int)StatusCode.Unauthenticated);
    }
}
