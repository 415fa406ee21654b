namespace Crisis.Ingestion.Mentions;

/// <summary>Where a mention was posted. Stored by name, so the numbers may be reordered freely.</summary>
public enum Platform
{
    X,
    Facebook,
    Instagram,
    TikTok,
    YouTube,
    News,
    Forum,
    Blog,
    Review,
    Other,
}

public static class Platforms
{
    private static readonly Dictionary<string, Platform> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["x"] = Platform.X,
        ["twitter"] = Platform.X,
        ["facebook"] = Platform.Facebook,
        ["instagram"] = Platform.Instagram,
        ["tiktok"] = Platform.TikTok,
        ["youtube"] = Platform.YouTube,
        ["news"] = Platform.News,
        ["forum"] = Platform.Forum,
        ["blog"] = Platform.Blog,
        ["review"] = Platform.Review,
        ["other"] = Platform.Other,
    };

    public const string Accepted = "x (or twitter), facebook, instagram, tiktok, youtube, news, forum, blog, review, other";

    public static bool TryParse(string value, out Platform platform) => ByName.TryGetValue(value.Trim(), out platform);

    /// <summary>The lower-case wire name, also used in the deduplication key.</summary>
    public static string WireName(this Platform platform) => platform switch
    {
        Platform.X => "x",
        Platform.Facebook => "facebook",
        Platform.Instagram => "instagram",
        Platform.TikTok => "tiktok",
        Platform.YouTube => "youtube",
        Platform.News => "news",
        Platform.Forum => "forum",
        Platform.Blog => "blog",
        Platform.Review => "review",
        _ => "other",
    };
}
