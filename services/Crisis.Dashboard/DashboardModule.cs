using Crisis.Dashboard.Preferences;
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
        // The files hold no data: they stay reachable without signing in, so that the pages can ask for a token (the
        // API they call is what authentication protects).
        app.MapGet("/", () => Results.Redirect("/dashboard/")).AllowAnonymous().ExcludeFromDescription();
        // Routing ignores a trailing slash, so "/dashboard" lands here too: it is sent to "/dashboard/", where the
        // pages' relative links resolve.
        // HEAD as GET (Kestrel sends the headers without the body): link checkers and caches ask with HEAD.
        app.MapMethods("/dashboard/{**path}", [HttpMethods.Get, HttpMethods.Head], (string? path, HttpContext http) =>
                string.IsNullOrEmpty(path) && !http.Request.Path.Value!.EndsWith('/') ? Results.Redirect("/dashboard/") : assets.Serve(path, http))
            .WithName("Dashboard").AllowAnonymous().ExcludeFromDescription();
        app.MapDisplayDefaults();
        return app;
    }
}
