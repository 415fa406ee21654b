using Microsoft.Extensions.Logging;

namespace Crisis.ServiceDefaults.Logging;

/// <summary>
/// Wraps the application's logger factory, so that every logger (ours, Marten's, MassTransit's, ASP.NET Core's) passes
/// its entries through <see cref="LogTriage"/>: expected noise goes down a level, everything else is untouched. The
/// lowered entry goes back through the real logger, so the configured levels and providers still decide what is written.
/// </summary>
public sealed class TriagedLoggerFactory(ILoggerFactory inner, TimeProvider clock) : ILoggerFactory
{
    /// <summary>A skipped sequence hole is worth one line now and then, not one per range.</summary>
    public static readonly TimeSpan SequenceHoleInterval = TimeSpan.FromMinutes(10);

    private long lastSequenceHoleLine = long.MinValue;

    public ILogger CreateLogger(string categoryName) => new TriagedLogger(inner.CreateLogger(categoryName), categoryName, this);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The container owns the real factory (registered under its own key) and disposes it.
    public void Dispose()
    {
    }

    /// <summary>True the first time in each <see cref="SequenceHoleInterval"/>.</summary>
    private bool FirstSequenceHoleLineInInterval()
    {
        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref lastSequenceHoleLine);
        if (last != long.MinValue && clock.GetElapsedTime(last, now) < SequenceHoleInterval) return false;
        return Interlocked.CompareExchange(ref lastSequenceHoleLine, now, last) == last;
    }

    private sealed class TriagedLogger(ILogger inner, string category, TriagedLoggerFactory factory) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        // Lowered entries are asked for again at their new level in Log.
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (logLevel < LogLevel.Warning)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            var verdict = LogTriage.Judge(category, logLevel, formatter(state, exception), exception);
            var level = verdict switch
            {
                LogVerdict.AsIs => logLevel,
                LogVerdict.SequenceHoleSkipped => factory.FirstSequenceHoleLineInInterval() ? LogLevel.Information : LogLevel.Debug,
                _ => LogLevel.Debug,
            };
            if (!inner.IsEnabled(level)) return;
            // Expected noise never carries a stack trace above debug level.
            inner.Log(level, eventId, state, level >= LogLevel.Information && verdict != LogVerdict.AsIs ? null : exception, formatter);
        }
    }
}
