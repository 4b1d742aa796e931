namespace CyberPledge.Grpc.Client.Tests;

public sealed class GrpcChannelTests
{
    [Theory]
    [InlineData("/relative")]
    [InlineData("ftp://127.0.0.1:21")]
    public void ForAddress_NotHttpAddress_ThrowsArgument(string address) =>
        Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress(new Uri(address, UriKind.RelativeOrAbsolute), new GrpcChannelOptions()));

    [Fact]
    public void ForAddress_HttpClientAndHandler_ThrowsArgument()
    {
        using var client = new HttpClient();
        using var handler = new SocketsHttpHandler();

        Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("http://127.0.0.1:1", new GrpcChannelOptions { HttpClient = client, HttpHandler = handler }));
    }

    [Fact]
    public void ForAddress_SecureCredentialsWithHttpAddress_ThrowsInvalidOperation() =>
        Assert.Throws<InvalidOperationException>(() => GrpcChannel.ForAddress("http://127.0.0.1:1", new GrpcChannelOptions { Credentials = ChannelCredentials.SecureSsl }));

    [Fact]
    public void ForAddress_InsecureCredentialsWithHttpsAddress_ThrowsInvalidOperation() =>
        Assert.Throws<InvalidOperationException>(() => GrpcChannel.ForAddress("https://127.0.0.1:1", new GrpcChannelOptions { Credentials = ChannelCredentials.Insecure }));

    [Fact]
    public void ForAddress_InsecureChannelWithCallCredentials_ThrowsUnlessOptedIn()
    {
        var credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, _) => Task.CompletedTask));

        Assert.Throws<InvalidOperationException>(() => GrpcChannel.ForAddress("http://127.0.0.1:1", new GrpcChannelOptions { Credentials = credentials }));
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1", new GrpcChannelOptions { Credentials = credentials, UnsafeUseInsecureChannelCallCredentials = true });
    }

    [Fact]
    public void ForAddress_Address_TargetIsAuthority()
    {
        using var channel = GrpcChannel.ForAddress("https://node-a.example:8443");

        Assert.Equal("node-a.example:8443", channel.Target);
        Assert.Equal(new Uri("https://node-a.example:8443"), channel.Address);
    }

    [Fact]
    public void CreateCallInvoker_AfterDispose_ThrowsObjectDisposed()
    {
        var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");
        channel.Dispose();

        Assert.Throws<ObjectDisposedException>(() => channel.CreateCallInvoker());
    }

    [Fact]
    public void Dispose_SuppliedHttpClient_DisposedOnlyWhenAsked()
    {
        var kept = new TrackingHandler();
        var disposed = new TrackingHandler();

        GrpcChannel.ForAddress("http://127.0.0.1:1", new GrpcChannelOptions { HttpClient = new HttpClient(kept) }).Dispose();
        GrpcChannel.ForAddress("http://127.0.0.1:1", new GrpcChannelOptions { HttpHandler = disposed, DisposeHttpClient = true }).Dispose();

        Assert.False(kept.IsDisposed);
        Assert.True(disposed.IsDisposed);
    }

    private sealed class TrackingHandler : HttpMessageHandler
    {
        public bool IsDisposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            IsDisposed = true;
            base.Dispose(disposing);
        }
    }
}
