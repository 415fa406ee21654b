using Crisis.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crisis.ServiceDefaults.Http;

/// <summary>
/// Recognises that PostgreSQL or RabbitMQ is down or restarting, and logs it once per outage (one line when the
/// first request fails, one when a request succeeds again), not one stack trace per refused request.
/// </summary>
public sealed partial class DependencyOutages(ILogger<DependencyOutages> logger, TimeProvider clock)
{
    private readonly Lock gate = new();
    private string? down;
    private DateTimeOffset since;
    private long refused;

    public bool AnyDown => Volatile.Read(ref down) is not null;

    /// <summary>
    /// The dependency an exception says is unavailable, or null when it is something else. Whether it is an outage at all
    /// is <see cref="TransientFailures"/>' call, the one the bus consumers retry by; this only names the server.
    /// </summary>
    public static string? Classify(Exception exception)
    {
        if (!TransientFailures.IsTransient(exception)) return null;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException) return "PostgreSQL";
            if (e.GetType().Namespace?.StartsWith("RabbitMQ", StringComparison.Ordinal) == true || e is MassTransit.ConnectionException) return "RabbitMQ";
        }
        return "The store or the broker";
    }

    /// <summary>Ends a logged outage on every request that did not fail on the server's side.</summary>
    public static IApplicationBuilder UseOutageRecovery(IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        await next(http);
        if (http.Response.StatusCode < 500) http.RequestServices.GetRequiredService<DependencyOutages>().Answered();
    });

    public void Failed(string dependency, Exception exception)
    {
        lock (gate)
        {
            refused++;
            if (down is not null) return;
            down = dependency;
            since = clock.GetUtcNow();
            refused = 1;
        }
        LogDown(logger, dependency, exception.GetBaseException().Message);
    }

    /// <summary>Called after a request that did not fail: ends the outage, if one was logged, with its count.</summary>
    public void Answered()
    {
        if (Volatile.Read(ref down) is null) return;
        string dependency;
        long count;
        TimeSpan lasted;
        lock (gate)
        {
            if (down is null) return;
            (dependency, count, lasted) = (down, refused, clock.GetUtcNow() - since);
            down = null;
        }
        LogBack(logger, dependency, lasted.TotalSeconds, count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dependency} is unavailable ({Reason}): requests answer 503 with Retry-After until it is back")]
    private static partial void LogDown(ILogger logger, string dependency, string reason);

    // A warning too: whoever filters on warnings saw the outage begin and must see it end.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dependency} is back after {Seconds:F0} s; {Refused} requests were answered 503 meanwhile")]
    private static partial void LogBack(ILogger logger, string dependency, double seconds, long refused);
}
