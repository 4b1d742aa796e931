using System.Globalization;
using CyberPledge.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CyberPledge.Partners.Storage.Postgres;

/// <summary>
/// Hears every replica's commits: a dedicated connection LISTENs on the store's channel and publishes each notified
/// sequence to the <see cref="ChangeSignal"/>, so a WatchAgreements served by this replica goes live on another
/// replica's change. It re-reads the chain's head after (re)connecting and whenever the channel stays quiet, so a
/// commit made while it was not listening is seen late, never missed.
/// </summary>
internal sealed class PostgresChangeListener : IAsyncDisposable
{
    private static readonly TimeSpan QuietPoll = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ChangeSignal _signal;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <summary>Listens before it returns, so commits after the store opened are heard.</summary>
    public PostgresChangeListener(NpgsqlDataSource dataSource, ChangeSignal signal, ILogger logger)
    {
        _dataSource = dataSource;
        _signal = signal;
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
            using (var command = new NpgsqlCommand("LISTEN " + PostgresSchema.Channel, connection))
            {
                command.ExecuteNonQuery();
            }

            _signal.Publish(PostgresSchema.ReadHead(connection, forUpdate: false).LastSequence);
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
                    _signal.Publish(PostgresSchema.ReadHead(connection, forUpdate: false).LastSequence);
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
                PostgresLog.ListenFailed(_logger, e);
                connection?.Dispose();
                connection = null;
                await Task.Delay(RetryDelay, stopping).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }

        connection?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
