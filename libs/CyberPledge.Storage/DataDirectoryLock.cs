namespace CyberPledge.Storage;

/// <summary>
/// An exclusive lock file in a service's data directory: two processes writing one store would hand
/// out the same sequence numbers. The OS drops the lock when the process dies, even by SIGKILL.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <summary>The lock file's name for a service: "&lt;service&gt;.lock".</summary>
    public static string FileName(string serviceName) => serviceName + ".lock";

    /// <summary>
    /// Takes the lock "&lt;service&gt;.lock" in <paramref name="directory"/> (which must exist), or
    /// throws an <see cref="IOException"/> naming the service and directory when another process holds it.
    /// </summary>
    /// <param name="directory">The service's data directory.</param>
    /// <param name="serviceName">The service, e.g. "indicators": it names the file and the message.</param>
    public static DataDirectoryLock Acquire(string directory, string serviceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        var path = Path.Combine(directory, FileName(serviceName));
        try
        {
            return new DataDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new IOException($"The {serviceName} data in {directory} is in use by another process.", e);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _file.Dispose();
}
