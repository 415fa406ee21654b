namespace Crisis.CrisisCell.Desk.Intake;

/// <summary>
/// Which conversation a post belongs to, per brand: how a reply finds its thread (<c>replyTo</c>), and how a replayed intake
/// page recognises a post it already took. <paramref name="BrandPost"/>: the post is the brand's own answer, published by the desk.
/// </summary>
public sealed record ConversationLink(string Id, string ConversationId, bool BrandPost)
{
    public static string IdFor(string brandId, string platform, string postId) => $"{brandId}|{platform}|{postId}";
}
