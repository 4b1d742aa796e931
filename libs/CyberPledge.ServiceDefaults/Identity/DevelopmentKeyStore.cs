using System.Security.Cryptography;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>The development issuer's private key on disk: owner-only, created once, shared by the processes using the directory.</summary>
internal static class DevelopmentKeyStore
{
    public const string KeyFileName = "development-issuer-key.pem";

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OthersAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The key file in <paramref name="directory"/>, made if missing.</summary>
    /// <exception cref="InvalidOperationException">The key file is readable or writable by others.</exception>
    public static string EnsureKey(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }
        // Should the directory sit inside a working tree, git ignores everything in it.
        var gitIgnore = Path.Combine(directory, ".gitignore");
        if (!File.Exists(gitIgnore))
        {
            File.WriteAllText(gitIgnore, "*\n");
        }

        var keyFile = Path.Combine(directory, KeyFileName);
        if (!File.Exists(keyFile))
        {
            Create(keyFile);
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(keyFile) & OthersAccess) != 0)
        {
            throw new InvalidOperationException(
                $"{keyFile}: the development issuer's key is open to other users (mode {Convert.ToString((int)File.GetUnixFileMode(keyFile), 8)}); expected 600");
        }
        return keyFile;
    }

    private static void Create(string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // Written aside and moved into place, so a process starting alongside never reads half a key.
        var temporary = $"{keyFile}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }
        using (var writer = new StreamWriter(temporary, options))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }
        try
        {
            File.Move(temporary, keyFile, overwrite: false);
        }
        catch (IOException) when (File.Exists(keyFile))
        {
            // Another process made the key first: use theirs.
            File.Delete(temporary);
        }
    }
}
