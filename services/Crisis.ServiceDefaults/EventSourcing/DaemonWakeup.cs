using Marten;
using Marten.Events.Daemon.HighWater;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crisis.ServiceDefaults.EventSourcing;

/// <summary>
/// Wakes the async daemon as soon as events are committed to the streams a module names, instead of at its next poll
/// (up to a second when the store is quiet). It is Marten's own wake-up (<see cref="PostgresqlListenWakeup"/>: the
/// daemon LISTENs on <c>mt_events_appended</c>), but notified only by sessions that append to those streams: Marten's
/// <c>UseListenNotifyForEventAppends</c> would notify on every commit, and every mention batch would then take
/// PostgreSQL's notification lock at commit.
/// </summary>
public static class DaemonWakeup
{
    public static IServiceCollection WakeDaemonOnAppendsTo(this IServiceCollection services, params string[] streamKeyPrefixes)
    {
        services.ConfigureMarten((provider, options) =>
        {
            options.Projections.Wakeup ??= new PostgresqlListenWakeup(
                provider.GetRequiredService<NpgsqlDataSource>(),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger<PostgresqlListenWakeup>());
            options.Listeners.Add(new NotifyOnAppends(streamKeyPrefixes));
        });
        return services;
    }

    /// <summary>Queues the notification in the session's own transaction: PostgreSQL delivers it only if the append commits.</summary>
    private sealed class NotifyOnAppends(string[] prefixes) : DocumentSessionListenerBase
    {
        private static readonly string Notify = $"select pg_notify('{PostgresqlListenWakeup.DefaultChannel}', '')";

        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            if (session.PendingChanges.Streams().Any(s => s.Key is { } key && prefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal))))
                session.QueueSqlCommand(Notify);
            return Task.CompletedTask;
        }
    }
}
