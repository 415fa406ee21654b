using Crisis.CrisisCell.Desk.Queue;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.CrisisCell.Desk.Measuring;

public static class KpiEndpoint
{
    public const int LongestWindowDays = 92;

    /// <summary>The caller's organisation's conversations opened in [from, to) (the last 30 days by default), measured now.</summary>
    public static void MapDeskKpis(this IEndpointRouteBuilder desk) =>
        desk.MapGet("/kpis", async (string? brandId, string? incidentId, DateTimeOffset? from, DateTimeOffset? to, IQuerySession session, TimeProvider clock,
            HttpContext http, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var until = to ?? now;
            var since = from ?? until.AddDays(-30);
            if (since >= until) return DeskHttp.Invalid("from", "must be before to");
            if (until - since > TimeSpan.FromDays(LongestWindowDays)) return DeskHttp.Invalid("from", $"the window is at most {LongestWindowDays} days");
            var organisation = http.User.RequiredOrganisation();
            var query = session.Query<DeskConversation>().Where(c => c.OrganisationId == organisation && c.OpenedAt >= since && c.OpenedAt < until);
            if (brandId is not null) query = query.Where(c => c.BrandId == brandId);
            if (incidentId is not null) query = query.Where(c => c.IncidentId == incidentId);
            var conversations = (await query.ToListAsync(ct)).Select(c => c.State).OfType<Conversation>().ToList();
            return Results.Ok(new { from = since, to = until, report = DeskKpis.Measure(conversations, now) });
        }).WithName("DeskKpis").RequireAuthorization(CrisisPolicies.Viewer);
}
