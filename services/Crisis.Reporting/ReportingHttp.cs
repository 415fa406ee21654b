using Crisis.ServiceDefaults.Http.Validating;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Crisis.Reporting;

/// <summary>What the reporting endpoints share: reading times, choosing JSON or CSV, and their problem answers.</summary>
internal static class ReportingHttp
{
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
