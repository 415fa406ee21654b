using Crisis.Dashboard.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.Dashboard;

/// <summary>The web dashboard: static pages under <c>/dashboard/</c> that read and drive the HTTP API from the browser.</summary>
public static class DashboardModule
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var assets = DashboardAssets.Load();
        app.MapGet("/", () => Results.Redirect("/dashboard/")).ExcludeFromDescription();
        app.MapGet("/dashboard", () => Results.Redirect("/dashboard/")).ExcludeFromDescription();
        app.MapGet("/dashboard/{**path}", (string? path, HttpContext http) => assets.Serve(path, http))
            .WithName("Dashboard").ExcludeFromDescription();
        return app;
    }
}
