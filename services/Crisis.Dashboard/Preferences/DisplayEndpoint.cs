using Crisis.ServiceDefaults.Localisation;
using Crisis.ServiceDefaults.Security.Authorizing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Dashboard.Preferences;

/// <summary>The caller's organisation's defaults for showing times and texts; a person overrides them in the dashboard.</summary>
/// <param name="Language">The organisation's language when it chose one (Display settings); null when it did not: the reader's browser decides.</param>
public sealed record DisplayDefaults(string OrganisationId, string TimeZone, string? Language);

public static class DisplayEndpoint
{
    /// <summary><c>GET /api/display</c>: the time zone and language the caller's organisation reads by default.</summary>
    public static void MapDisplayDefaults(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/display", (DisplaySettings settings, HttpContext http) =>
        {
            var organisation = http.User.RequiredOrganisation();
            var display = settings.For(organisation);
            return Results.Ok(new DisplayDefaults(organisation, display.TimeZone.Id, display.LanguageIsChosen ? display.Language.Tag : null));
        }).WithName("GetDisplayDefaults").WithTags("Dashboard").RequireAuthorization(CrisisPolicies.Viewer)
        .WithSummary("The time zone and language the caller's organisation reads by default");
}
