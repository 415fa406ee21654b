using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Crisis.ServiceDefaults.Security.ApiKeys;
using Crisis.ServiceDefaults.Security.Authenticating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Crisis.ServiceDefaults.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crisis.ServiceDefaults.Security.Limiting;

/// <summary>
/// <c>Ingestion:RateLimit</c>: requests each API key (or signed-in person) may send to the intake, as a token bucket:
/// <see cref="Burst"/> at once, then <see cref="PermitsPerPeriod"/> every <see cref="PeriodSeconds"/>. One noisy connector
/// gets 429 (with Retry-After) instead of starving the others or the database.
/// </summary>
public sealed class IngestRateLimit : IValidatableObject
{
    public const string Section = "Ingestion:RateLimit";
    /// <summary>The rate limiting policy the intake endpoint names.</summary>
    public const string Policy = "ingest-rate";

    [Range(1, int.MaxValue, ErrorMessage = Section + ":Burst must be at least 1")]
    public int Burst { get; set; } = 40;

    [Range(1, int.MaxValue, ErrorMessage = Section + ":PermitsPerPeriod must be at least 1")]
    public int PermitsPerPeriod { get; set; } = 20;

    public double PeriodSeconds { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!(PeriodSeconds > 0 && PeriodSeconds <= 86_400))
            yield return new($"{Section}:PeriodSeconds must be more than 0 and at most 86400", [nameof(PeriodSeconds)]);
    }

    public static IServiceCollection AddIngestRateLimit(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedSettings<IngestRateLimit>(configuration, Section);
        // The limiter's options are built when the first request needs them, from the validated settings.
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<IngestRateLimit>>((options, limit) => Configure(options, limit.Value));
        return services.AddRateLimiter(_ => { });
    }

    private static void Configure(RateLimiterOptions options, IngestRateLimit settings)
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
    }

    /// <summary>One bucket per API key, or per person of an organisation (names are unique only within one).</summary>
    private static string PartitionOf(HttpContext http) =>
        http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value is { } keyId ? $"key:{keyId}"
        : $"user:{http.User.Organisation()}/{http.User.Identity?.Name}";
}
