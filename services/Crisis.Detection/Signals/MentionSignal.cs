using Crisis.Ingestion.Mentions;
using Crisis.Ingestion.Scoring;

namespace Crisis.Detection.Signals;

/// <summary>
/// The facts of one mention that detection uses; mapped from ingestion's events in one place. <see cref="Author"/> is the
/// pseudonym the event carries; <see cref="Text"/> is empty when the event was not hydrated (<see cref="MentionTexts"/>) or
/// its author was erased.
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
    bool? IsNegative)
{
    public static IEnumerable<MentionSignal> From(MentionsRecorded recorded) =>
        recorded.Mentions.Select(m => new MentionSignal(
            recorded.BrandId, m.Platform.WireName(), m.PostId, m.PublishedAt, m.Author.Handle, m.Author.Followers ?? 0,
            m.Text ?? "", m.Language, m.IsNegative));
}
