namespace CyberPledge.Indicators.Storage;

/// <summary>
/// An exclusive lock file in the data directory: two processes writing one store would hand
/// out the same sequence numbers. The OS drops the lock when the process dies, even by SIGKILL.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "indicators.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            return new DataDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new IOException($"The indicator store in {dataDirectory} is in use by another process.", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
