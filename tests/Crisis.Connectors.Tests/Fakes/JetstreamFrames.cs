using System.Text.Json;

namespace Crisis.Connectors.Tests.Fakes;

/// <summary>Synthetic Jetstream post frames in the fixture's shape, for volume: every <c>mentionEvery</c>-th mentions Acme.</summary>
public static class JetstreamFrames
{
    /// <summary>Half an hour ago, within a first start's default backfill (1 hour), as a live Jetstream's times are.</summary>
    public static readonly long FirstTimeUs = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds() * 1000;

    public static List<string> Posts(int count, int mentionEvery, DateTimeOffset createdFrom, long? firstTimeUs = null)
    {
        var frames = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var text = i % mentionEvery == 0 ? $"post {i}: acme lost my parcel again" : $"post {i}: lovely weather for a walk";
            frames.Add(JsonSerializer.Serialize(new
            {
                did = $"did:plc:author{i % 97:D4}",
                time_us = (firstTimeUs ?? FirstTimeUs) + i * 1000L,
                kind = "commit",
                commit = new
                {
                    rev = $"rev{i}",
                    operation = "create",
                    collection = "app.bsky.feed.post",
                    rkey = $"rk{i:D6}",
                    record = new Dictionary<string, object>
                    {
                        ["$type"] = "app.bsky.feed.post",
                        ["createdAt"] = createdFrom.AddMilliseconds(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                        ["langs"] = new[] { "en" },
                        ["text"] = text,
                    },
                    cid = $"bafy{i}",
                },
            }));
        }
        return frames;
    }

    /// <summary>The post ids (AT URIs) of the frames that mention Acme.</summary>
    public static IEnumerable<string> MentioningIds(int count, int mentionEvery) =>
        Enumerable.Range(0, count).Where(i => i % mentionEvery == 0).Select(i => $"at://did:plc:author{i % 97:D4}/app.bsky.feed.post/rk{i:D6}");
}
