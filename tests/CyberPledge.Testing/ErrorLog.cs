using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Testing;

/// <summary>
/// A logger provider that keeps every entry at or above a level (Error unless told otherwise), so tests can assert the
/// server logged none, or find the warning they expect.
/// </summary>
public sealed class ErrorLog(LogLevel minimumLevel = LogLevel.Error) : ILoggerProvider
{
    private readonly LogLevel _minimumLevel = minimumLevel;
    private ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public void ShareWith(ErrorLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _entries = other._entries;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ErrorLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
