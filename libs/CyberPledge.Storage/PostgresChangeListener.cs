using System.Globalization;
using CyberPledge.Storage.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CyberPledge.Storage;

/// <summary>
/// Hears every replica's commits to one store on PostgreSQL: a dedicated connection LISTENs on the store's channel and
/// publishes each notified sequence to the <see cref="ChangeSignal"/>, so a live stream served by this replica goes on
/// with another replica's writes. After (re)connecting it reads the last sequence, and it reads it again whenever the
/// channel stays quiet for a while: a commit made while it was not listening is seen late, never missed.
/// </summary>
public sealed class PostgresChangeListener : IAsyncDisposable
{
    private static readonly TimeSpan QuietPoll = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly Func<NpgsqlConnection, ulong> _readLastSequence;
    private readonly ChangeSignal _signal;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <summary>Listens before it returns, so commits after the store opened are heard.</summary>
    /// <param name="dataSource">The store's database.</param>
    /// <param name="channel">The NOTIFY channel the store's writers notify with the committed sequence as payload.</param>
    /// <param name="readLastSequence">Reads the store's last committed sequence on the listener's connection.</param>
    /// <param name="signal">Where the sequences heard are published.</param>
    /// <param name="timeProvider">The clock of the retry pause.</param>
    /// <param name="logger">The store's logger.</param>
    public PostgresChangeListener(
        NpgsqlDataSource dataSource, string channel, Func<NpgsqlConnection, ulong> readLastSequence, ChangeSignal signal, TimeProvider timeProvider, ILogger logger)
    {
        _dataSource = dataSource;
        _channel = channel;
        _readLastSequence = readLastSequence;
        _signal = signal;
        _timeProvider = timeProvider;
        _logger = logger;
        var connection = Listen();
        _loop = Task.Run(() => RunAsync(connection));
    }

    private NpgsqlConnection Listen()
    {
        var connection = _dataSource.OpenConnection();
        try
        {
            connection.Notification += (_, e) =>
            {
                if (ulong.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                {
                    _signal.Publish(sequence);
                }
            };
            using (var command = new NpgsqlCommand("LISTEN " + _channel, connection))
            {
                command.ExecuteNonQuery();
            }

            _signal.Publish(_readLastSequence(connection));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async Task RunAsync(NpgsqlConnection? connection)
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                connection ??= await Task.Run(Listen, stopping).ConfigureAwait(false);
                if (!await connection.WaitAsync(QuietPoll, stopping).ConfigureAwait(false))
                {
                    // Quiet: also proves the connection is alive.
                    _signal.Publish(_readLastSequence(connection));
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Any failure means the same here: drop the connection and listen again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                StorageLog.ListenFailed(_logger, _channel, e);
                connection?.Dispose();
                connection = null;
                await PauseAsync(stopping).ConfigureAwait(false);
            }
        }

        connection?.Dispose();
    }

    private async Task PauseAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(RetryDelay, _timeProvider, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
