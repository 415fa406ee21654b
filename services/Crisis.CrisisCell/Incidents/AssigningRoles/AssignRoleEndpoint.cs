using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Incidents.AssigningRoles;

public sealed record AssignRoleRequest(IncidentRole? Role, [property: SingleLine(200)] string? Assignee);

public static class AssignRoleEndpoint
{
    public static void MapAssignRole(this IEndpointRouteBuilder incidents) =>
        incidents.MapPost("/{id}/assign", (string id, AssignRoleRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            request.Role is not { } role
                ? Task.FromResult(IncidentHttp.Invalid("role", $"is required, one of: {string.Join(", ", Enum.GetNames<IncidentRole>())}"))
                : IncidentHttp.HandleAsync(session, http, new AssignRole(id, role, request.Assignee ?? "", IncidentHttp.Actor(http), clock.GetUtcNow()), ct))
            .WithName("AssignRole").RequireAuthorization(CrisisPolicies.IncidentLead);
}
