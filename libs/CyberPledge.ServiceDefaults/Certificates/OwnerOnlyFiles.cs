namespace CyberPledge.ServiceDefaults.Certificates;

/// <summary>Private keys on disk: readable and writable by their owner only, in a directory only the owner enters when it is made here.</summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Makes <paramref name="directory"/> (0700) unless it exists; an existing directory keeps its mode.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> with mode 0600, replacing the file atomically.</summary>
    public static void WritePrivate(string path, string text)
    {
        var fullPath = Path.GetFullPath(path);
        EnsureDirectory(Path.GetDirectoryName(fullPath)!);
        // Written aside and moved into place: the new file is 0600 from its first byte (a file opened with FileMode.Create
        // would keep an existing file's mode), and a reader never sees half a key.
        var temporary = $"{fullPath}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }
        try
        {
            using (var writer = new StreamWriter(temporary, options))
            {
                writer.Write(text);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
