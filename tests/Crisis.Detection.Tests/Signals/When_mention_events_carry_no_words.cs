using Crisis.Detection.Signals;
using Crisis.Ingestion.Mentions;
using Crisis.Ingestion.Scoring;

namespace Crisis.Detection.Tests.Signals;

public class When_mention_events_carry_no_words
{
    private static RecordedMention Mention(string postId, string? text, bool negative = true) => new(
        Platform.X, postId, new MentionAuthorProfile("author-0123456789abcdef", null, 20_000), text, null, MentionLanguage.English,
        new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), null, null, null, null, null, 0.9, negative);

    private static MentionsRecorded Batch(params RecordedMention[] mentions) =>
        new("mentions/acme/2026030210", "acme", new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), DateTimeOffset.UnixEpoch, mentions);

    [Test]
    public void The_kept_words_are_put_back_for_the_term_counts_and_an_erased_one_counts_without_words()
    {
        var batch = new MentionsWithTexts(Batch(Mention("1", null), Mention("2", null), Mention("3", "already here")),
            ["refund refused #boycott", null, null]);

        var signals = MentionSignal.From(batch).ToList();
        var bucket = new BucketAccumulator();
        foreach (var signal in signals) bucket.Add(signal);
        Assert.Multiple(() =>
        {
            Assert.That(signals.Select(s => s.Text), Is.EqualTo(new[] { "refund refused #boycott", "", "already here" }));
            Assert.That(bucket.Volume, Is.EqualTo(3), "the erased mention still counts");
            Assert.That(bucket.Terms.Keys, Is.SupersetOf(new[] { "refund", "refused", "#boycott" }));
        });
    }

    [Test]
    public void Evidence_names_the_post_and_the_pseudonym_and_quotes_nothing()
    {
        var bucket = new BucketAccumulator();
        foreach (var signal in MentionSignal.From(Batch(Mention("1", "my bag was lost")))) bucket.Add(signal);

        var evidence = bucket.TopNegative.Single();
        Assert.Multiple(() =>
        {
            Assert.That(evidence.PostId, Is.EqualTo("1"));
            Assert.That(evidence.Author, Is.EqualTo("author-0123456789abcdef"));
            Assert.That(evidence.Excerpt, Is.Null, "the words are read from mention_keys when shown");
        });
    }
}

public class When_terms_are_counted
{
    [Test]
    public void Handles_and_links_are_not_terms()
    {
        Assert.That(BucketAccumulator.TermsOf("@victim_q3 refund refused, see https://x.example/victim_q3/status/1 and www.example.com/victim #boycott"),
            Is.EqualTo(new[] { "refund", "refused", "#boycott" }));
    }
}
