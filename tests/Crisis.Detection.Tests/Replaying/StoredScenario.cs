using Crisis.Detection.Signals;
using Crisis.Ingestion.Mentions;

namespace Crisis.Detection.Tests.Replaying;

/// <summary>
/// Turns generated mention signals into the events ingestion stores, in store order: mentions arrive in
/// deliveries of a few dozen, and each delivery is recorded as one <see cref="MentionsRecorded"/> per brand and hour.
/// </summary>
public static class StoredScenario
{
    public static IReadOnlyList<object> Record(IReadOnlyList<MentionSignal> inPublicationOrder, int delivery = 40)
    {
        var recordedAt = inPublicationOrder[0].PublishedAt;
        var stored = new List<object>();
        foreach (var chunk in inPublicationOrder.Chunk(delivery))
        {
            foreach (var group in chunk.GroupBy(m => (m.BrandId, Hour: MentionStreams.HourOf(m.PublishedAt))))
            {
                stored.Add(new MentionsRecorded(MentionStreams.KeyFor(group.Key.BrandId, group.Key.Hour), group.Key.BrandId, group.Key.Hour, recordedAt,
                    [.. group.Select(ToRecorded)]));
            }
        }
        return stored;
    }

    private static RecordedMention ToRecorded(MentionSignal m) => new(
        Platform.X, m.PostId, new MentionAuthorProfile(m.Author, null, m.Followers), m.Text, null, m.Language, m.PublishedAt,
        null, null, null, null, null, m.IsNegative is null ? null : m.IsNegative.Value ? 0.9 : 0.1, m.IsNegative);
}
