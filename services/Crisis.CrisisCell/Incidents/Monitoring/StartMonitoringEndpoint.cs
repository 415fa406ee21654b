using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.Monitoring;

public static class StartMonitoringEndpoint
{
    public static void MapStartMonitoring(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("/{id}/monitor", (string id, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            IncidentHttp.HandleAsync(session, http, new StartMonitoring(id, IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("StartMonitoring").RequireAuthorization(CrisisPolicies.IncidentLead);
}
