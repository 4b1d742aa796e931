using System.Text;
using System.Threading.Channels;

namespace CyberPledge.Testing.Processes;

/// <summary>A child's output as it arrives: all of it for failure messages, stdout alone, and stdout lines to wait on.</summary>
internal sealed class ProcessOutput
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _all = new();
    private readonly StringBuilder _stdout = new();
    private readonly Channel<string> _stdoutLines = Channel.CreateUnbounded<string>();

    public ChannelReader<string> StdoutLines => _stdoutLines.Reader;

    public string All
    {
        get
        {
            lock (_lock)
            {
                return _all.ToString();
            }
        }
    }

    public string StandardOutput
    {
        get
        {
            lock (_lock)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Lines from now on are read and dropped (a benchmark's server logging every call).</summary>
    public bool Discarding { get; set; }

    /// <summary>One line from the process; null when that stream closed.</summary>
    public void Receive(string? line, bool isStdout)
    {
        if (line is not null && Discarding)
        {
            return;
        }

        if (line is null)
        {
            if (isStdout)
            {
                _stdoutLines.Writer.TryComplete();
            }
            return;
        }
        lock (_lock)
        {
            _all.AppendLine(line);
            if (isStdout)
            {
                _stdout.AppendLine(line);
            }
        }
        if (isStdout)
        {
            _stdoutLines.Writer.TryWrite(line);
        }
    }
}
