using Crisis.Ingestion.Mentions;
using Crisis.Ingestion.Scoring;

namespace Crisis.Detection.Signals;

/// <summary>
/// The facts of one mention that detection uses; mapped from ingestion's events in one place. <see cref="Author"/> is the
/// pseudonym the event carries; <see cref="Text"/> is empty when its words were not read back (<see cref="MentionTexts"/>) or
/// its author was erased. <see cref="Parent"/> is the post (same platform) it replies to, quotes or shares, if any: what ties
/// it to a thread (<see cref="ThreadTracker"/>).
/// </summary>
public sealed record MentionSignal(
    string BrandId,
    string Platform,
    string PostId,
    DateTimeOffset PublishedAt,
    string Author,
    long Followers,
    string Text,
    MentionLanguage Language,
    bool? IsNegative,
    string? Parent = null)
{
    public static IEnumerable<MentionSignal> From(MentionsRecorded recorded) => From(recorded, null);

    public static IEnumerable<MentionSignal> From(MentionsWithTexts batch) => From(batch.Recorded, batch.Texts);

    /// <param name="texts">The words kept apart from the event, in the order of its mentions (<see cref="MentionTexts"/>).</param>
    public static IEnumerable<MentionSignal> From(MentionsRecorded recorded, IReadOnlyList<string?>? texts) =>
        recorded.Mentions.Select((m, i) => new MentionSignal(
            recorded.BrandId, m.Platform.WireName(), m.PostId, m.PublishedAt, m.Author.Handle, m.Author.Followers ?? 0,
            m.Text ?? texts?[i] ?? "", m.Language, m.IsNegative, m.ReplyTo ?? m.QuoteOf ?? m.ShareOf));
}
