using Crisis.ServiceDefaults.Security.Authorizing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Connectors.Cursors;

/// <summary>
/// <c>GET /api/connectors</c>: the caller's organisation's connectors as their rows stand (what the dashboard's connector
/// panel and <c>crisis connectors status</c> show), from every node, whichever node runs them. Positions are left out:
/// they are the source's internals, not something a person acts on.
/// </summary>
public static class ConnectorEndpoints
{
    /// <summary>A connector not heard of for this long is shown as silent (a stopped node, or a source with nothing new).</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromMinutes(10);

    public static void MapConnectorReads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/connectors", async (ConnectorCursors cursors, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        {
            var organisation = http.User.RequiredOrganisation();
            var now = clock.GetUtcNow();
            var rows = (await cursors.ListAsync(ct)).Where(c => c.Organisation == organisation);
            return Results.Ok(rows.Select(c => new ConnectorHealth(
                c.Name, c.Source, StateOf(c, now), c.Seen, c.Matched, c.Sent, c.Malformed, c.Errors, c.Reconnects, c.UpdatedAt,
                c.NewestPublishedAt, c.NewestPublishedAt is { } newest ? Math.Max(0, (now - newest).TotalSeconds) : null, c.LastError, c.FailingSince)).ToList());
        })
            .WithName("ListConnectors").RequireAuthorization(CrisisPolicies.Viewer).WithTags("Connectors");
    }

    /// <summary>failing: its last step was a failure; silent: nothing for <see cref="Silence"/>; else reading.</summary>
    private static string StateOf(ConnectorCursor cursor, DateTimeOffset now) =>
        cursor.FailingSince is not null ? "failing" : now - cursor.UpdatedAt > Silence ? "silent" : "reading";
}

/// <param name="State">reading, failing (its last step failed, since <paramref name="FailingSince"/>: see <paramref name="LastError"/>) or silent (no step for 10 minutes).</param>
/// <param name="LagSeconds">Age of the newest post committed: how far the connector is behind its source.</param>
public sealed record ConnectorHealth(
    string Name, string Source, string State, long Seen, long Matched, long Sent, long Malformed, long Errors, long Reconnects,
    DateTimeOffset UpdatedAt, DateTimeOffset? NewestPublishedAt, double? LagSeconds, string? LastError, DateTimeOffset? FailingSince);
