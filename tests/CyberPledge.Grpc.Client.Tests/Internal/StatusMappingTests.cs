using System.Net.Sockets;
using Grpc.Net.Client.Internal;

namespace CyberPledge.Grpc.Client.Tests.Internal;

public sealed class StatusMappingTests
{
    [Theory]
    [InlineData(0x0, StatusCode.Internal)]
    [InlineData(0x1, StatusCode.Internal)]
    [InlineData(0x7, StatusCode.Unavailable)]
    [InlineData(0x8, StatusCode.Cancelled)]
    [InlineData(0xb, StatusCode.ResourceExhausted)]
    [InlineData(0xc, StatusCode.PermissionDenied)]
    public void FromHttp2ErrorCode_ResetCode_StatusOfProtocolTable(long code, StatusCode expected) =>
        Assert.Equal(expected, StatusMapping.FromHttp2ErrorCode(code));

    [Fact]
    public void FromException_ConnectionRefused_Unavailable()
    {
        var exception = new HttpRequestException("Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused));

        var status = StatusMapping.FromException(exception);

        Assert.Equal(StatusCode.Unavailable, status.StatusCode);
        Assert.Contains("Connection refused", status.Detail);
        Assert.Same(exception, status.DebugException);
    }

    [Fact]
    public void FromException_HttpClientTimeout_DeadlineExceeded() =>
        Assert.Equal(StatusCode.DeadlineExceeded, StatusMapping.FromException(new TaskCanceledException("timeout", new TimeoutException())).StatusCode);

    [Fact]
    public void FromException_RpcException_ItsStatus() =>
        Assert.Equal(StatusCode.DataLoss, StatusMapping.FromException(new RpcException(new Status(StatusCode.DataLoss, "lost"))).StatusCode);
}
