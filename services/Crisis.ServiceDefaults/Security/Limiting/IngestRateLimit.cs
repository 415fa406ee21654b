using System.Globalization;
using System.Threading.RateLimiting;
using Crisis.ServiceDefaults.Security.ApiKeys;
using Crisis.ServiceDefaults.Security.Authenticating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crisis.ServiceDefaults.Security.Limiting;

/// <summary>
/// <c>Ingestion:RateLimit</c>: requests each API key (or signed-in person) may send to the intake, as a token bucket:
/// <see cref="Burst"/> at once, then <see cref="PermitsPerPeriod"/> every <see cref="PeriodSeconds"/>. One noisy connector
/// gets 429 (with Retry-After) instead of starving the others or the database.
/// </summary>
public sealed class IngestRateLimit
{
    public const string Section = "Ingestion:RateLimit";
    /// <summary>The rate limiting policy the intake endpoint names.</summary>
    public const string Policy = "ingest-rate";

    public int Burst { get; set; } = 40;
    public int PermitsPerPeriod { get; set; } = 20;
    public double PeriodSeconds { get; set; } = 1;

    public static IServiceCollection AddIngestRateLimit(IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<IngestRateLimit>() ?? new IngestRateLimit();
        if (settings.Burst < 1 || settings.PermitsPerPeriod < 1 || settings.PeriodSeconds <= 0)
            throw new InvalidOperationException($"{Section}: Burst and PermitsPerPeriod must be at least 1 and PeriodSeconds positive");
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, http => RateLimitPartition.GetTokenBucketLimiter(PartitionOf(http), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.Burst,
                TokensPerPeriod = settings.PermitsPerPeriod,
                ReplenishmentPeriod = TimeSpan.FromSeconds(settings.PeriodSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            options.OnRejected = async (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(settings.PeriodSeconds);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await SecurityProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This credential may send {settings.Burst} requests at once, then {settings.PermitsPerPeriod} every {settings.PeriodSeconds.ToString(CultureInfo.InvariantCulture)} s. " +
                    $"Nothing of this request was stored; retry after {seconds} s.", ApiKeyAuthenticationHandler.Header);
            };
        });
    }

    /// <summary>One bucket per API key, or per person of an organisation (names are unique only within one).</summary>
    private static string PartitionOf(HttpContext http) =>
        http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value is { } keyId ? $"key:{keyId}"
        : $"user:{http.User.Organisation()}/{http.User.Identity?.Name}";
}
