using Crisis.ServiceDefaults.Http.Validating;
using System.Globalization;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Security.Authorizing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Crisis.ServiceDefaults.Security.Auditing;

/// <summary>One command event: who did what, when, to which stream, in which request.</summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Actor, string Action, string Stream, string? CorrelationId);

/// <summary>
/// <c>GET /api/audit?from=&amp;to=&amp;actor=&amp;limit=</c>: the command events of the caller's organisation (those a
/// signed-in caller's request appended; the system's own writes carry no actor), oldest first. For incident leads and admins.
/// </summary>
public static class AuditEndpoint
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 5000;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", HandleAsync).WithName("ListAudit").WithTags("Audit").RequireAuthorization(CrisisPolicies.IncidentLead);
        return app;
    }

    private static async Task<IResult> HandleAsync(string? from, string? to, string? actor, int? limit,
        NpgsqlDataSource database, EventStoreSettings store, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var end = InputRules.OptionalInstant(to, "to", errors) ?? clock.GetUtcNow();
        var start = InputRules.OptionalInstant(from, "from", errors) ?? end.AddDays(-7);
        if (errors.Count == 0 && end <= start) errors["to"] = ["must be later than from"];
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit) errors["limit"] = [$"must be between 1 and {MaxLimit}"];
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The audit query is not valid", statusCode: StatusCodes.Status400BadRequest);

        // The schema name comes from configuration, never from the request; every value is a parameter.
        await using var command = database.CreateCommand(
            $"""
            SELECT seq_id, timestamp, user_name, type, stream_id, correlation_id
            FROM {store.Schema}.mt_events
            WHERE headers ->> '{RequestStamp.OrganisationHeader}' = @org AND user_name IS NOT NULL
              AND timestamp >= @from AND timestamp < @to AND (@actor::text IS NULL OR user_name = @actor::text)
            ORDER BY seq_id
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("org", http.User.RequiredOrganisation());
        command.Parameters.AddWithValue("from", start.UtcDateTime);
        command.Parameters.AddWithValue("to", end.UtcDateTime);
        command.Parameters.Add(new NpgsqlParameter("actor", NpgsqlTypes.NpgsqlDbType.Text) { Value = string.IsNullOrWhiteSpace(actor) ? DBNull.Value : actor.Trim() });
        command.Parameters.AddWithValue("limit", take);
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return Results.Ok(entries);
    }
}
