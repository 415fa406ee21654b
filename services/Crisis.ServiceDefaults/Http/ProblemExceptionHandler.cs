using System.Text.Json;
using System.Text.RegularExpressions;
using Crisis.ServiceDefaults.EventSourcing;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Crisis.ServiceDefaults.Http;

/// <summary>
/// Turns every exception a caller can cause (or suffer) into a problem+json answer naming the field and the reason:
/// domain refusals (422/409), races (409), bodies and values the framework could not bind (400/413/415, with the JSON
/// path or parameter), and outages of PostgreSQL or RabbitMQ (503 with Retry-After). What is left is a bug: a 500.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, DependencyOutages outages) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying during an outage: restarts take 2 to 20 s.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainRefusalException { Kind: DomainRefusalKind.Invalid } => Problem(StatusCodes.Status422UnprocessableEntity, "The command is not valid", exception.Message),
            DomainRefusalException => Problem(StatusCodes.Status409Conflict, "The command conflicts with the current state", exception.Message),
            ConcurrencyException or ExistingStreamIdCollisionException => Problem(StatusCodes.Status409Conflict, "Someone changed this first: reload and retry", exception.Message),
            BadHttpRequestException bad => BindingProblem(bad),
            _ when DependencyOutages.Classify(exception) is { } dependency => OutageProblem(httpContext, dependency, exception),
            _ => null,
        };
        if (problem is null) return false;
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    private ProblemDetails OutageProblem(HttpContext http, string dependency, Exception exception)
    {
        outages.Failed(dependency, exception);
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, $"{dependency} is unavailable",
            $"{dependency} is restarting or unreachable; nothing was changed. Retry after {RetryAfterSeconds} seconds.");
    }

    /// <summary>The framework's binding failures name the parameter in their message and the JSON path in their inner exception.</summary>
    private static ProblemDetails BindingProblem(BadHttpRequestException bad)
    {
        var (field, reason) = bad switch
        {
            FieldRefusedException refused => (refused.Field, refused.Reason),
            // Our converters and the serializer's type mismatches point at a field; anything else is JSON that does not parse.
            { InnerException: JsonException json } when IsAboutAField(json) => (FieldOfJsonPath(json.Path), ReasonOf(json)),
            { InnerException: JsonException json } => ("body", $"is not well-formed JSON ({ReasonOf(json)}, at {json.Path ?? "$"})"),
            _ => bad.StatusCode switch
            {
                StatusCodes.Status415UnsupportedMediaType => ("Content-Type", "must be application/json"),
                StatusCodes.Status413PayloadTooLarge => ("body", "is larger than this endpoint accepts"),
                _ => (ParameterOf(bad.Message), bad.Message),
            },
        };
        // A value that broke an input rule inside well-formed JSON is unprocessable (422); JSON of the wrong shape is a 400.
        var status = bad.InnerException is Validating.StrictJson.RuleException ? StatusCodes.Status422UnprocessableEntity : bad.StatusCode;
        var problem = Problem(status, "The request is not valid", $"{field}: {reason}");
        problem.Extensions["field"] = field;
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [reason] };
        return problem;
    }

    private static bool IsAboutAField(JsonException json) =>
        json is Validating.StrictJson.RuleException or Validating.StrictJson.ShapeException
        || json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);

    /// <summary>"$.mentions[3].text" reads "mentions[3].text"; the whole body is "body".</summary>
    private static string FieldOfJsonPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>Our converters say what the field must be; the serializer's own messages say what it could not read.</summary>
    private static string ReasonOf(JsonException json)
    {
        var message = json.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        return message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "has the wrong type or is out of range for this field"
            : message;
    }

    private static string ParameterOf(string message) =>
        ParameterName().Match(message) is { Success: true } match ? match.Groups["name"].Value : "request";

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    // 'Failed to bind parameter "DateTimeOffset? from" from "abc".', 'Required parameter "string id" was not provided from route.'
    [GeneratedRegex("""parameter "(?:[^"]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)" """, RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
