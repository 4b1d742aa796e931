using CyberPledge.Benchmarks.Propagation;

namespace CyberPledge.Benchmarks.Tests.Propagation;

public sealed class WireBytesTests
{
    // ss -tinpH state established: a link (Federation, pid 200, to gateway port 5000), the gateway's end of it, and this
    // benchmark's own Submit connection (pid 100) to the same gateway, and a link on a dual-mode IPv6 socket.
    private const string Sample =
        "0      0               127.0.0.1:40001          127.0.0.1:5000 users:((\"dotnet\",pid=200,fd=260))\n"
        + "\t bbr wscale:10,10 rto:208 bytes_sent:1388 bytes_retrans:30 bytes_acked:1358 bytes_received:1361 segs_out:16\n"
        + "0      0               127.0.0.1:5000          127.0.0.1:40001 users:((\"dotnet\",pid=300,fd=20))\n"
        + "\t bbr wscale:10,10 rto:208 bytes_sent:1361 bytes_acked:1361 bytes_received:1358 segs_out:16\n"
        + "0      0               127.0.0.1:40002          127.0.0.1:5000 users:((\"dotnet\",pid=100,fd=30))\n"
        + "\t bbr wscale:10,10 rto:208 bytes_sent:900 bytes_acked:900 bytes_received:90 segs_out:16\n"
        + "0      0      [::ffff:127.0.0.1]:40003     [::ffff:127.0.0.1]:5000 users:((\"dotnet\",pid=201,fd=31))\n"
        + "\t cubic bytes_acked:10 bytes_received:20 segs_out:2\n";

    [Fact]
    public void Parse_SsOutput_OnlyOtherProcessesConnectionsToAGateway()
    {
        var sockets = WireBytes.Parse(Sample, new HashSet<int> { 5000 }, own: 100);

        Assert.Equal(new Dictionary<(int, int), long> { [(40001, 5000)] = 1358 + 1361, [(40003, 5000)] = 30 }, sockets);
    }

    [Fact]
    public void Between_ConnectionOpenedInBetween_CountsFromZero()
    {
        var before = new Dictionary<(int, int), long> { [(1, 5000)] = 100 };
        var after = new Dictionary<(int, int), long> { [(1, 5000)] = 150, [(2, 5000)] = 70 };

        Assert.Equal(120, WireBytes.Between(before, after));
    }
}
