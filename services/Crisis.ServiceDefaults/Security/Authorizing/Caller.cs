using System.Security.Claims;
using Crisis.ServiceDefaults.Localisation;

namespace Crisis.ServiceDefaults.Security.Authorizing;

/// <summary>The claims Crisis reads from a token or an API key, and who the caller is in the events.</summary>
public static class Caller
{
    /// <summary>The caller's organisation: one per token; every read and write is confined to it.</summary>
    public const string OrganisationClaim = "org";
    public const string RoleClaim = "role";
    public const string NameClaim = "name";
    public const string SubjectClaim = "sub";
    /// <summary>What a machine credential may do; only <see cref="IngestScope"/> exists.</summary>
    public const string ScopeClaim = "scope";
    public const string IngestScope = "ingest";
    /// <summary>The language the person reads (a BCP 47 tag, OpenID Connect's <c>locale</c>).</summary>
    public const string LocaleClaim = "locale";
    /// <summary>The zone the person reads times in (an IANA id, OpenID Connect's <c>zoneinfo</c>).</summary>
    public const string ZoneClaim = "zoneinfo";

    /// <summary>
    /// The one organisation the credential names; none when it names several (authentication refuses such a token
    /// already; this keeps every policy closed should another scheme ever let one through).
    /// </summary>
    public static string? Organisation(this ClaimsPrincipal user) =>
        user.FindAll(OrganisationClaim).Take(2).ToList() is [{ Value: { Length: > 0 } org }] ? org : null;

    /// <summary>The organisation of an authorised request: every policy demands one, so its absence is a wiring bug.</summary>
    public static string RequiredOrganisation(this ClaimsPrincipal user) =>
        user.Organisation() ?? throw new InvalidOperationException("the caller has no organisation: is the endpoint missing its policy?");

    /// <summary>Who acts, as recorded in the events: the token's name, else its subject (never a header the caller chooses).</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.FindFirst(NameClaim)?.Value is { Length: > 0 } name ? name
        : user.FindFirst(SubjectClaim)?.Value is { Length: > 0 } subject ? subject
        : throw new InvalidOperationException("the caller has no name: is the endpoint missing its policy?");

    /// <summary>The person's language from the token, when it names a supported one; a claim is input like any other.</summary>
    public static UiLanguage? Locale(this ClaimsPrincipal user) =>
        UiLanguage.TryParse(user.FindFirst(LocaleClaim)?.Value, out var language) ? language : null;

    /// <summary>The person's time zone from the token, when it names a known one.</summary>
    public static ViewerZone? TimeZone(this ClaimsPrincipal user) =>
        ViewerZone.TryParse(user.FindFirst(ZoneClaim)?.Value, out var zone) ? zone : null;

    public static IEnumerable<string> Roles(this ClaimsPrincipal user) => user.FindAll(RoleClaim).Select(c => c.Value);

    public static bool HasRole(this ClaimsPrincipal user, string role) => CrisisRoles.Grants(user.Roles(), role);
}
