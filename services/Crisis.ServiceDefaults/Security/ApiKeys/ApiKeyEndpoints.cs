using Crisis.ServiceDefaults.Http.Validating;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Security.Authorizing;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crisis.ServiceDefaults.Security.ApiKeys;

public sealed record CreateApiKeyRequest([property: SingleLine(100)] string? Name, [property: SingleLine(100)] string? Scope);

/// <summary>The secret appears here and nowhere else, ever: only its hash is stored.</summary>
public sealed record CreatedApiKey(string Id, string Name, string Scope, string Secret, string Header);

public sealed record ApiKeyView(string Id, string Name, string Scope, string CreatedBy, DateTimeOffset CreatedAt, string? RevokedBy, DateTimeOffset? RevokedAt);

/// <summary><c>POST/GET /api/keys</c>, <c>DELETE /api/keys/{id}</c>: an organisation's admins manage its ingestion keys.</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("Keys");
        keys.MapPost("", CreateAsync).WithName("CreateApiKey").RequireAuthorization(CrisisPolicies.Admin);
        keys.MapGet("", async (IQuerySession session, HttpContext http, CancellationToken ct) =>
        {
            var organisation = http.User.RequiredOrganisation();
            var found = await session.Query<ApiKeyRecord>().Where(k => k.OrganisationId == organisation).OrderBy(k => k.CreatedAt).ToListAsync(ct);
            return Results.Ok(found.Select(k => new ApiKeyView(k.KeyId, k.Name, k.Scope, k.CreatedBy, k.CreatedAt, k.RevokedBy, k.RevokedAt)));
        }).WithName("ListApiKeys").RequireAuthorization(CrisisPolicies.Admin);
        keys.MapDelete("/{id}", RevokeAsync).WithName("RevokeApiKey").RequireAuthorization(CrisisPolicies.Admin);
        return app;
    }

    private static async Task<IResult> CreateAsync(CreateApiKeyRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) return Invalid("name", "is required, at most 100 characters (which connector uses the key)");
        var scope = request.Scope?.Trim().ToLowerInvariant() is { Length: > 0 } given ? given : Caller.IngestScope;
        if (scope != Caller.IngestScope) return Invalid("scope", $"must be '{Caller.IngestScope}' (the only scope a key can have)");

        var keyId = ApiKeySecret.NewKeyId();
        var secret = ApiKeySecret.Generate(keyId);
        var command = new CreateApiKey(keyId, http.User.RequiredOrganisation(), name, scope, ApiKeySecret.Hash(secret), http.User.Actor(), clock.GetUtcNow());
        await session.HandleAsync(ApiKeyStreams.KeyFor(keyId), ApiKeyDecider.Instance, command, expectedVersion: null, ct);
        return Results.Created($"/api/keys/{keyId}", new CreatedApiKey(keyId, name, scope, secret, ApiKeyAuthenticationHandler.Header));
    }

    private static async Task<IResult> RevokeAsync(string id, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        // Another organisation's key is answered like a missing one.
        if (await session.LoadAsync<ApiKeyRecord>(ApiKeyStreams.KeyFor(id), ct) is not { } key || key.OrganisationId != http.User.RequiredOrganisation())
        {
            return Results.Problem(title: "No such API key", detail: $"API key '{id}' does not exist", statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["field"] = "id" });
        }
        await session.HandleAsync(ApiKeyStreams.KeyFor(id), ApiKeyDecider.Instance, new RevokeApiKey(id, http.User.Actor(), clock.GetUtcNow()), expectedVersion: null, ct);
        return Results.NoContent();
    }

    private static IResult Invalid(string field, string problem) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, title: "The API key request is not valid",
            statusCode: StatusCodes.Status422UnprocessableEntity);
}
