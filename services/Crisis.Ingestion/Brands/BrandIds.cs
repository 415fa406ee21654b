namespace Crisis.Ingestion.Brands;

/// <summary>Brand ids are short slugs, because they appear in stream keys, URLs and file names.</summary>
public static class BrandIds
{
    public const string FormatRule = "must be 1 to 64 characters of a-z, 0-9 and '-', starting with a letter or digit";

    public static bool IsWellFormed(string id) =>
        id.Length is > 0 and <= 64
        && char.IsAsciiLetterOrDigit(id[0])
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
