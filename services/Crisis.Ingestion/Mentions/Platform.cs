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
    Bluesky,
    Mastodon,
    Reddit,
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
        ["bluesky"] = Platform.Bluesky,
        ["mastodon"] = Platform.Mastodon,
        ["reddit"] = Platform.Reddit,
    };

    public const string Accepted = "x (or twitter), facebook, instagram, tiktok, youtube, news, forum, blog, review, other, bluesky, mastodon, reddit";

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
        Platform.Bluesky => "bluesky",
        Platform.Mastodon => "mastodon",
        Platform.Reddit => "reddit",
        _ => "other",
    };
}

/// <summary>The platform list, as the personal-data module validates an erasure request against it.</summary>
internal sealed class PlatformNames : PersonalData.IPlatformNames
{
    public string Accepted => Platforms.Accepted;

    public PersonalData.PlatformName? Find(string name) =>
        Platforms.TryParse(name, out var platform) ? new PersonalData.PlatformName(platform.WireName(), platform.ToString()) : null;
}
