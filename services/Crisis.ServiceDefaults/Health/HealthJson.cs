using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crisis.ServiceDefaults.Health;

/// <summary>
/// The readiness answer as JSON: each check's status and why, and first the list of what fails (<c>failing</c>: each
/// dependency and its reason), so an operator reads what is wrong without reading every check.
/// </summary>
public static class HealthJson
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            failing = report.Entries
                .Where(e => e.Value.Status != HealthStatus.Healthy)
                .Select(e => new { dependency = e.Key, status = e.Value.Status.ToString(), reason = Reason(e.Value) })
                .ToArray(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.Message,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        }, cancellationToken: context.RequestAborted);
    }

    /// <summary>
    /// Why a check fails, in one line: its description, then the innermost exception's message (the socket error, the
    /// server's refusal), which is the cause an operator acts on.
    /// </summary>
    public static string Reason(HealthReportEntry entry)
    {
        var innermost = entry.Exception;
        while (innermost?.InnerException is not null) innermost = innermost.InnerException;
        var description = entry.Description ?? entry.Status.ToString();
        return innermost is null || description.Contains(innermost.Message, StringComparison.Ordinal)
            ? description
            : $"{description}: {innermost.Message}";
    }
}
