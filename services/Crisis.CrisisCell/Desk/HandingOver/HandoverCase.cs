namespace Crisis.CrisisCell.Desk.HandingOver;

/// <summary>
/// What customer service receives, by webhook (the JSON body) or by e-mail (the mail's words and the same JSON attached):
/// who the person is, what they wrote, what the brand promised them, and where to report how the case ended.
/// </summary>
/// <param name="Author">The author's handle, read from mention_keys when the case leaves; the pseudonym once erased.</param>
public sealed record HandoverCase(
    string Kind, string HandoverId, string ConversationId, string OrganisationId, string BrandId, string Platform, string Author, string Promised,
    string HandedOverBy, IReadOnlyList<CasePost> Posts, CaseCallback Callback)
{
    public const string KindName = "desk.handover";
}

/// <summary>One post of the thread; <paramref name="Text"/> is null when its words were never kept, the erased mark once erased.</summary>
public sealed record CasePost(string PostId, DateTimeOffset PublishedAt, string Language, string? Text);

/// <summary>Where customer service reports the outcome (with a token of the organisation).</summary>
public sealed record CaseCallback(string Method, string Path);

/// <summary>Whether customer service has the case, and the reference it goes by there.</summary>
public sealed record CaseDelivery(bool Delivered, string? CaseReference, string? Failure);
