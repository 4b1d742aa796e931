using System.Security.Cryptography;
using Npgsql;
using Xunit;

namespace CyberPledge.Testing;

/// <summary>
/// A throwaway PostgreSQL server, shared by a test collection as its fixture: initdb into a
/// temporary directory, started with pg_ctl on 127.0.0.1 and a free port (fsync on, a random
/// password), stopped and deleted at the end. The server refuses to run as root, so under root it
/// runs as the "postgres" user that the Debian package creates. When CYBERPLEDGE_TEST_POSTGRES
/// holds a connection string, that server is used instead and only the databases made here are dropped.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>Names the variable that may hold an existing server's connection string.</summary>
    public const string EnvironmentVariable = "CYBERPLEDGE_TEST_POSTGRES";
    private const string ServerUser = "postgres";
    private const string NotInstalled = "PostgreSQL is not installed: run bash tests/run.sh (it installs the Debian package postgresql)";

    private readonly List<string> _databases = [];
    private string? _directory;
    private string? _bin;
    private NpgsqlDataSource? _admin;
    private NpgsqlConnectionStringBuilder _settings = null!;

    /// <summary>Starts the server (or connects to the one the environment names).</summary>
    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        _settings = string.IsNullOrWhiteSpace(external) ? await StartServerAsync() : new NpgsqlConnectionStringBuilder(external);
        _admin = NpgsqlDataSource.Create(_settings.ConnectionString);
    }

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "cp_test_" + Guid.NewGuid().ToString("N");
        await using (var command = _admin!.CreateCommand($"CREATE DATABASE {name}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(_settings.ConnectionString) { Database = name }.ConnectionString;
    }

    private async Task<NpgsqlConnectionStringBuilder> StartServerAsync()
    {
        _bin = FindBinaries();
        var privileged = Environment.IsPrivilegedProcess;
        _directory = privileged
            ? (await RunAsync("runuser", ["-u", ServerUser, "--", "mktemp", "-d", Path.Combine(Path.GetTempPath(), "cp-postgres-XXXXXXXX")])).Trim()
            : Directory.CreateTempSubdirectory("cp-postgres-").FullName;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var passwordFile = Path.Combine(_directory, "password");
        await File.WriteAllTextAsync(passwordFile, password);
        var data = Path.Combine(_directory, "data");
        await RunServerToolAsync("initdb", ["-D", data, "-U", ServerUser, "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        File.Delete(passwordFile);
        var port = FreePort.Loopback();
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), $"""

            # The tests' throwaway server: loopback only, its own socket directory, durable commits.
            port = {port}
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{_directory}'
            fsync = on
            synchronous_commit = on
            max_connections = 200
            """);
        await RunServerToolAsync("pg_ctl", ["-D", data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "start"]);
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = ServerUser,
            Password = password,
            Database = "postgres",
        };
    }

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var versions = Directory.Exists(root) ? Directory.GetDirectories(root) : [];
        return versions
            .Where(v => File.Exists(Path.Combine(v, "bin", "initdb")) && File.Exists(Path.Combine(v, "bin", "pg_ctl")))
            .OrderByDescending(v => int.TryParse(Path.GetFileName(v), out var major) ? major : 0)
            .Select(v => Path.Combine(v, "bin"))
            .FirstOrDefault() ?? throw new InvalidOperationException(NotInstalled);
    }

    /// <summary>Runs initdb or pg_ctl as the server's user: as "postgres" under root, else as the current user.</summary>
    private Task<string> RunServerToolAsync(string tool, string[] arguments)
    {
        var path = Path.Combine(_bin!, tool);
        return Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", ServerUser, "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private async Task<string> RunAsync(string file, string[] arguments)
    {
        try
        {
            // The server's user may not enter the test runner's working directory.
            return await ChildProcess.RunAsync(file, arguments, _directory ?? Path.GetTempPath(), TimeSpan.FromSeconds(120));
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidOperationException(exception.Message + ServerLog(), exception);
        }
    }

    private string ServerLog()
    {
        var log = _directory is null ? null : Path.Combine(_directory, "server.log");
        return log is not null && File.Exists(log) ? "\nserver.log:\n" + File.ReadAllText(log) : "";
    }

    /// <summary>Stops and deletes the server, or drops the databases made on an external one.</summary>
    public async Task DisposeAsync()
    {
        if (_directory is null)
        {
            await DropDatabasesAsync();
        }

        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        if (_directory is not null)
        {
            try
            {
                await RunServerToolAsync("pg_ctl", ["-D", Path.Combine(_directory, "data"), "-m", "fast", "-w", "-t", "60", "stop"]);
            }
            finally
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }

    private async Task DropDatabasesAsync()
    {
        foreach (var name in _databases)
        {
            await using var command = _admin!.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            await command.ExecuteNonQueryAsync();
        }
    }
}
