using System.Globalization;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Crisis.CrisisCell.Incidents;

/// <summary>What every incident command endpoint shares: who acts, which version they saw, and the answer's shape.</summary>
public static class IncidentHttp
{
    /// <summary>Who acts: the signed-in caller's name from the token, never a header the caller could choose.</summary>
    public static string Actor(HttpContext http) => http.User.Actor();

    /// <summary>The stream version the caller last read (its ETag), sent back as If-Match; none means "whatever is current".</summary>
    public static long? ExpectedVersion(HttpContext http)
    {
        var value = http.Request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0 || value == "*") return null;
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        return long.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new Crisis.ServiceDefaults.Http.FieldRefusedException("If-Match", "must be an incident version as its ETag gives it (\"3\")");
    }

    public static string ETag(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>Handles the command on the incident's stream and answers with the new version (also as the ETag).</summary>
    public static async Task<IResult> HandleAsync(IDocumentSession session, HttpContext http, IncidentCommand command, CancellationToken ct)
    {
        var key = IncidentStreams.KeyFor(command.IncidentId);
        if (await IncidentAccess.FindAsync(session, http.User, command.IncidentId, ct) is null) return NotFound(command.IncidentId);
        IReadOnlyList<IncidentEvent> events;
        long version;
        var expected = ExpectedVersion(http);
        try
        {
            (events, version) = await HandleWithRetryAsync(session, http, key, command, expected, ct);
        }
        catch (DomainRefusalException)
        {
            // The decider refuses commands on an incident never opened (409); over HTTP that is a wrong id: 404.
            if (await session.Events.FetchStreamStateAsync(key, ct) is null) return NotFound(command.IncidentId);
            throw;
        }
        http.Response.Headers.ETag = ETag(version);
        return Results.Ok(new IncidentCommandResult(command.IncidentId, version, [.. events.Select(IncidentEventNames.Of)]));
    }

    /// <summary>
    /// Without If-Match the caller asked for no version check, yet the system writes on the same stream too (delivery
    /// outcomes, deadline checks): a lost race is decided again on fresh state, in a fresh session, instead of
    /// answering 409 to someone acknowledging the very page being recorded. With If-Match the 409 stands.
    /// </summary>
    private static async Task<(IReadOnlyList<IncidentEvent> Events, long Version)> HandleWithRetryAsync(
        IDocumentSession session, HttpContext http, string key, IncidentCommand command, long? expected, CancellationToken ct)
    {
        try
        {
            return await session.HandleAsync(key, IncidentDecider.Instance, command, expected, ct);
        }
        catch (JasperFx.ConcurrencyException) when (expected is null)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var retry = session.DocumentStore.LightweightSession();
                    // The retry is the same request: same caller, same correlation id in the events.
                    Crisis.ServiceDefaults.Security.Auditing.RequestStamp.Apply(retry, http);
                    return await retry.HandleAsync(key, IncidentDecider.Instance, command, expectedVersion: null, ct);
                }
                catch (JasperFx.ConcurrencyException) when (attempt < 5)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), ct);
                }
            }
        }
    }

    public static IResult NotFound(string id) =>
        Results.Problem(title: "No such incident", detail: $"incident '{id}' does not exist", statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["field"] = "id" });

    public static IResult Invalid(string field, string problem) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, title: "The command is not valid",
            statusCode: StatusCodes.Status422UnprocessableEntity);
}

/// <summary>The answer to a command: the incident's version after it, and the events it recorded (none when already applied).</summary>
public sealed record IncidentCommandResult(string IncidentId, long Version, IReadOnlyList<string> Recorded);
