namespace Crisis.PersonalData.Reading;

/// <summary>
/// Whose copy of a post to read. Posts are public, so one post may be kept for several brands and organisations, each
/// under its organisation's pseudonym: a reader names the brand whose evidence it shows (and its organisation, for the
/// posts another detector quoted), so that it never shows another organisation's row.
/// </summary>
public sealed record PostScope
{
    private PostScope(string? organisationId, string? brandId)
    {
        OrganisationId = organisationId;
        BrandId = brandId;
    }

    /// <summary>Null: ingested posts only (quoted posts are kept per organisation).</summary>
    public string? OrganisationId { get; }

    /// <summary>Null: every brand of the organisation.</summary>
    public string? BrandId { get; }

    /// <summary>A brand's evidence: its ingested posts, and the posts quoted to its organisation.</summary>
    public static PostScope OfBrand(string organisationId, string brandId) => new(Required(organisationId), Required(brandId));

    /// <summary>An organisation's posts, of any of its brands.</summary>
    public static PostScope OfOrganisation(string organisationId) => new(Required(organisationId), null);

    /// <summary>A brand's ingested posts, when its organisation is not at hand (an operator's export).</summary>
    public static PostScope OfIngestedBrand(string brandId) => new(null, Required(brandId));

    private static string Required(string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("a post scope names its organisation or brand", nameof(value)) : value;
}
