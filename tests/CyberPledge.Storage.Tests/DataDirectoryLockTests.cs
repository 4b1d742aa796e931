namespace CyberPledge.Storage.Tests;

public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cp-storage-");

    [Fact]
    public void Acquire_HeldByAnotherHolder_ThrowsNamingTheServiceAndDirectory()
    {
        using var held = DataDirectoryLock.Acquire(_directory.FullName, "partners");

        var error = Assert.Throws<IOException>(() => DataDirectoryLock.Acquire(_directory.FullName, "partners"));

        Assert.Equal($"The partners data in {_directory.FullName} is in use by another process.", error.Message);
        Assert.True(File.Exists(Path.Combine(_directory.FullName, "partners.lock")));
    }

    [Fact]
    public void Acquire_AfterTheHolderReleased_Succeeds()
    {
        DataDirectoryLock.Acquire(_directory.FullName, "partners").Dispose();

        using var again = DataDirectoryLock.Acquire(_directory.FullName, "partners");
    }

    [Fact]
    public void Acquire_AnotherServiceInTheSameDirectory_DoesNotConflict()
    {
        using var partners = DataDirectoryLock.Acquire(_directory.FullName, "partners");

        using var federation = DataDirectoryLock.Acquire(_directory.FullName, "federation");

        Assert.True(File.Exists(Path.Combine(_directory.FullName, "federation.lock")));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
