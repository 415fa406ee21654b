using Crisis.PersonalData.Pseudonymising;
using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.PersonalData.Erasing;

/// <summary>Who to erase: the author's platform and handle there (with or without '@'; case does not matter).</summary>
public sealed record EraseAuthorRequest([property: SingleLine(32)] string? Platform, [property: SingleLine(200)] string? Handle);

/// <summary>The answer names the author by the organisation's pseudonym only, never by the handle it was given.</summary>
/// <param name="AlreadyErased">True when this request changed nothing (a retry): the audit keeps the first record.</param>
public sealed record AuthorErasureView(string ErasureId, string Platform, string AuthorPseudonym, int PostsEmptied, bool AlreadyErased);

/// <summary>
/// <c>POST /api/personal-data/erasures</c>: an organisation's admin erases an author of the public from what the
/// organisation keeps (its ingested and quoted posts), for good; later posts of the author are stored erased. The
/// organisation is the token's, never the body's. Idempotent: a retry answers 200 again and records nothing new.
/// </summary>
public static class EraseAuthorEndpoint
{
    public const string Route = "/api/personal-data/erasures";

    public static IEndpointRouteBuilder MapEraseAuthor(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, HandleAsync).WithName("EraseAuthor").WithTags("Personal data").RequireAuthorization(CrisisPolicies.Admin);
        return app;
    }

    private static async Task<IResult> HandleAsync(EraseAuthorRequest request, IPlatformNames platforms, AuthorEraser eraser,
        IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var platform = string.IsNullOrWhiteSpace(request.Platform) ? null : platforms.Find(request.Platform);
        if (platform is null) errors["platform"] = [$"is required, one of: {platforms.Accepted}"];
        var handle = request.Handle?.Trim() ?? "";
        if (AuthorPseudonyms.NormaliseHandle(handle).Length < 2) errors["handle"] = ["is required: the author's handle on that platform, at least 2 characters (with or without @)"];
        if (errors.Count > 0 || platform is null)
        {
            return Results.ValidationProblem(errors, title: "The erasure request is not valid", statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var outcome = await eraser.EraseAsync(session, http.User.RequiredOrganisation(), platform.WireName, handle, http.User.Actor(), clock.GetUtcNow(), ct);
        return Results.Ok(new AuthorErasureView(outcome.ErasureId, outcome.Platform, outcome.AuthorPseudonym, outcome.PostsEmptied, AlreadyErased: !outcome.Recorded));
    }
}
