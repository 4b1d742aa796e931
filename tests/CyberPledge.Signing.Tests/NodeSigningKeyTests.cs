using CyberPledge.Testing;

namespace CyberPledge.Signing.Tests;

public sealed class NodeSigningKeyTests
{
    [Fact]
    public void LoadOrCreate_SecondStart_LoadsTheSameKey()
    {
        using var directory = new TemporaryDirectory();
        using var first = NodeSigningKey.LoadOrCreate(directory.Path);
        using var second = NodeSigningKey.LoadOrCreate(directory.Path);

        Assert.Equal(first.PublicKey, second.PublicKey);
        Assert.Equal(32, first.KeyId.Length);
    }

    [Fact]
    public void LoadOrCreate_NewKey_IsReadableByOwnerOnly()
    {
        using var directory = new TemporaryDirectory();
        using var key = NodeSigningKey.LoadOrCreate(directory.Path);
        var path = Path.Combine(directory.Path, NodeSigningKey.FileName);

        // The project runs on Linux (machine image and CI); the guard only satisfies the platform analyzer.
        Assert.False(OperatingSystem.IsWindows());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
