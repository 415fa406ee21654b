namespace Crisis.PersonalData.Reading;

/// <summary>A post of the public, named as the events name it.</summary>
/// <param name="Platform">The platform's lower-case wire name (x, facebook, …).</param>
public readonly record struct PostRef(string Platform, string PostId);

/// <summary>What a post said and who said it, as kept apart from the events; all but the pseudonym go when the author is erased.</summary>
public sealed record PostContent(PostRef Post, string Pseudonym, string? Handle, string? DisplayName, string? Text, string? Url, bool Erased)
{
    public const string ErasedMark = "[erased]";
    public const int ExcerptLength = 200;

    /// <summary>The handle to show: the real one while it is kept, the pseudonym once erased.</summary>
    public string Author => Handle ?? Pseudonym;

    /// <summary>The start of the text to quote as evidence.</summary>
    public string Excerpt => Text is null ? ErasedMark : ExcerptOf(Text);

    public static string ExcerptOf(string text) =>
        text.Length <= ExcerptLength ? text : string.Concat(text.AsSpan(0, ExcerptLength), "…");
}

/// <summary>A post's identity and words, to keep apart from the events.</summary>
public sealed record NewPostContent(PostRef Post, string OrganisationId, string Pseudonym, string Handle, string? DisplayName, string? Text, string? Url);
