using System.Net;
using System.Net.Http.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Redacting;

/// <summary>The retention limit: posts older than the cut-off keep counting, without who wrote them or what they said.</summary>
[NonParallelizable]
public class When_old_posts_are_redacted : IntegrationSpec
{
    private static async Task<long> RowsOfMentionKeysContainingAsync(string needle)
    {
        await using var count = Database.CreateCommand($"SELECT count(*) FROM {Schema}.mention_keys t WHERE strpos(t::text, $1) > 0");
        count.Parameters.Add(new Npgsql.NpgsqlParameter { Value = needle });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Test]
    public async Task Posts_published_before_the_cut_off_lose_their_author_and_words_and_still_count()
    {
        await RegisterBrandAsync("acme");
        var old = SyntheticMentions.Mention("acme", "old", DateTimeOffset.UtcNow.AddDays(-3));
        old["author"] = new Dictionary<string, object?> { ["handle"] = "@old_timer", ["followers"] = 10 };
        old["text"] = "OLDPOST4 the lounge was closed";
        var recent = SyntheticMentions.Mention("acme", "recent", DateTimeOffset.UtcNow.AddMinutes(-10));
        recent["author"] = new Dictionary<string, object?> { ["handle"] = "@new_comer", ["followers"] = 10 };
        recent["text"] = "NEWPOST5 the lounge is open again";
        using (var response = await Host.Http.PostAsJsonAsync("/api/mentions", new[] { old, recent }))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        }

        Assert.That(await RunCliAsync("mentions", "redact", "--older-than", "1d"), Is.EqualTo(0));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await RowsOfMentionKeysContainingAsync("OLDPOST4"), Is.Zero, "the old post's words");
            Assert.That(await RowsOfMentionKeysContainingAsync("old_timer"), Is.Zero, "the old post's author");
            Assert.That(await RowsOfMentionKeysContainingAsync("NEWPOST5"), Is.EqualTo(1), "the recent post is kept");
            Assert.That(await MentionsInEventsAsync(), Is.EqualTo(2), "both still count");
        });
    }

    [Test]
    public async Task A_cut_off_without_an_offset_or_two_cut_offs_are_refused()
    {
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await RunCliAsync("mentions", "redact", "--before", "2026-06-01T00:00:00"), Is.Not.Zero);
            Assert.That(await RunCliAsync("mentions", "redact", "--before", "2026-06-01T00:00:00Z", "--older-than", "30d"), Is.Not.Zero);
            Assert.That(await RunCliAsync("mentions", "redact", "--older-than", "0d"), Is.Not.Zero);
        });
    }
}
