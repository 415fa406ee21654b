using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Crisis.ServiceDefaults.Http.Validating;

/// <summary>
/// URL and header limits answered as problem+json. Kestrel's own limits answer a bare 414 or 431 before any middleware
/// runs, so they are raised (<see cref="ConfigureKestrel"/>) and ours, lower, answer first; only a request beyond
/// Kestrel's raised limits (256 KiB of request line, 128 KiB of headers) still gets the server's bare answer.
/// </summary>
public static class RequestShapeLimits
{
    public const int MaxUrlLength = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Bodies of commands and queries are small; the mention intake lifts this for itself and applies its own.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static void ConfigureKestrel(IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = 256 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 128 * 1024;
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
        });

    public static IApplicationBuilder UseRequestShapeLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (request.Path.Value?.Length + request.QueryString.Value?.Length > MaxUrlLength)
        {
            await WriteAsync(http, StatusCodes.Status414UriTooLong, "url", $"is longer than {MaxUrlLength} characters");
            return;
        }
        long headerBytes = 0;
        foreach (var header in request.Headers) headerBytes += header.Key.Length + header.Value.ToString().Length + 4;
        if (headerBytes > MaxHeaderBytes)
        {
            var largest = request.Headers.MaxBy(h => h.Value.ToString().Length).Key;
            await WriteAsync(http, StatusCodes.Status431RequestHeaderFieldsTooLarge, largest, $"the headers total {headerBytes} bytes; the limit is {MaxHeaderBytes}");
            return;
        }
        await next(http);
    });

    private static ValueTask WriteAsync(HttpContext http, int status, string field, string reason)
    {
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = "The request is not valid", Detail = $"{field}: {reason}" };
        problem.Extensions["field"] = field;
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [reason] };
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
