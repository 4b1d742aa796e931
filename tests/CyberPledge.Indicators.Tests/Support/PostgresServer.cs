using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace CyberPledge.Indicators.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server for the tests in <see cref="PostgresCollection"/>: initdb into a
/// temporary directory, started with pg_ctl on 127.0.0.1 and a free port (fsync on, a random
/// password), stopped and deleted at the end. The server refuses to run as root, so under root it
/// runs as the "postgres" user that the Debian package creates. When CYBERPLEDGE_TEST_POSTGRES
/// holds a connection string, that server is used instead and only the databases made here are dropped.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "CYBERPLEDGE_TEST_POSTGRES";
    private const string ServerUser = "postgres";
    private const string NotInstalled = "PostgreSQL is not installed: run bash tests/run.sh (it installs the Debian package postgresql)";

    private readonly List<string> _databases = [];
    private string? _directory;
    private string? _bin;
    private NpgsqlDataSource? _admin;
    private NpgsqlConnectionStringBuilder _settings = null!;

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
        var port = ServiceProcess.FreePort();
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
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server's user may not enter the test runner's working directory.
            WorkingDirectory = _directory ?? Path.GetTempPath(),
        };
        arguments.ToList().ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info) ?? throw new InvalidOperationException(file + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}{ServerLog()}");
        }

        return await output;
    }

    private string ServerLog()
    {
        var log = _directory is null ? null : Path.Combine(_directory, "server.log");
        return log is not null && File.Exists(log) ? "\nserver.log:\n" + File.ReadAllText(log) : "";
    }

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

/// <summary>The tests that share one <see cref="PostgresServer"/>; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
