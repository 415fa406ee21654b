using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Crisis.Reporting;

/// <summary>What the reporting endpoints share: reading times, choosing JSON or CSV, and their problem answers.</summary>
internal static class ReportingHttp
{
    /// <summary>An ISO 8601 time; a time without an offset is taken as UTC. Adds a problem naming the field when it is not one.</summary>
    public static DateTimeOffset? Time(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            && value.Contains('T', StringComparison.Ordinal))
        {
            return at;
        }
        errors[field] = [$"'{value}' is not an ISO 8601 time such as 2026-03-02T10:00:00Z"];
        return null;
    }

    /// <summary>CSV when asked with <c>?format=csv</c> or <c>Accept: text/csv</c>; JSON otherwise. An unknown format is a problem.</summary>
    public static bool WantsCsv(string? format, HttpContext http, Dictionary<string, string[]> errors)
    {
        switch (format?.Trim().ToLowerInvariant())
        {
            case "csv":
                return true;
            case "json":
                return false;
            case null or "":
                return http.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase));
            default:
                errors["format"] = ["must be json or csv"];
                return false;
        }
    }

    public static IResult Csv(string csv, string fileName) =>
        new CsvResult(csv, new string([.. fileName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]));

    public static IResult Invalid(Dictionary<string, string[]> errors, string title) =>
        Results.ValidationProblem(errors, title: title, statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(string title, string detail, string field) =>
        Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["field"] = field });

    private sealed class CsvResult(string csv, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "text/csv; charset=utf-8";
            httpContext.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
            return httpContext.Response.WriteAsync(csv, Encoding.UTF8);
        }
    }
}
