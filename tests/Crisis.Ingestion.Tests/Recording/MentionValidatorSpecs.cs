using Crisis.Contracts.Mentions;
using Crisis.Ingestion.Mentions;
using Crisis.Ingestion.Recording;

namespace Crisis.Ingestion.Tests.Recording;

public class When_validating_a_mention
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly MentionValidator validator = new(new IngestionLimits { MaxTextLength = 100 });

    internal static MentionObserved Valid() => new()
    {
        Platform = "twitter",
        PostId = " 1234 ",
        BrandId = "Acme",
        Author = new MentionAuthor { Handle = "@bob", DisplayName = "Bob", Followers = 1200 },
        Text = "  Acme a perdu ma valise\r\nencore  ",
        Language = "FR",
        PublishedAt = "2026-11-27T13:30:00+02:00",
        Url = "https://x.com/bob/status/1234",
        ReplyTo = "1000",
    };

    private (CandidateMention? Mention, IReadOnlyList<ItemError> Errors) Validate(MentionObserved item, params string[] knownBrands) =>
        validator.Validate(item, 7, Now, id => (knownBrands.Length == 0 ? ["acme"] : knownBrands).Contains(id));

    [Test]
    public void It_normalises_a_valid_mention()
    {
        var (candidate, errors) = Validate(Valid());

        Assert.That(errors, Is.Empty);
        Assert.That(candidate, Is.Not.Null);
        var mention = candidate!.Mention;
        Assert.Multiple(() =>
        {
            Assert.That(candidate.BrandId, Is.EqualTo("acme"));
            Assert.That(candidate.DeduplicationKey, Is.EqualTo("acme:x:1234"), "a post counts once per brand");
            Assert.That(mention.Platform, Is.EqualTo(Platform.X));
            Assert.That(mention.Text, Is.EqualTo("Acme a perdu ma valise\nencore"));
            Assert.That(mention.DeclaredLanguage, Is.EqualTo("fr"));
            Assert.That(mention.PublishedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 27, 11, 30, 0, TimeSpan.Zero)));
            Assert.That(mention.PublishedAt.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(mention.Author, Is.EqualTo(new MentionAuthorProfile("@bob", "Bob", 1200)));
        });
    }

    [Test]
    public void It_keeps_arabic_text_and_emoji_as_written()
    {
        var (candidate, errors) = Validate(Valid() with { Text = "خدمة سيئة جدا 😡 3lach hakka" });

        Assert.That(errors, Is.Empty);
        Assert.That(candidate!.Mention.Text, Is.EqualTo("خدمة سيئة جدا 😡 3lach hakka"));
    }

    private static IEnumerable<TestCaseData> BadItems()
    {
        yield return new TestCaseData(Valid() with { Platform = null }, "platform").SetName("a missing platform");
        yield return new TestCaseData(Valid() with { Platform = "myspace" }, "platform").SetName("an unknown platform");
        yield return new TestCaseData(Valid() with { PostId = "  " }, "postId").SetName("a blank post id");
        yield return new TestCaseData(Valid() with { BrandId = "globex" }, "brandId").SetName("an unregistered brand");
        yield return new TestCaseData(Valid() with { BrandId = "no spaces" }, "brandId").SetName("a malformed brand id");
        yield return new TestCaseData(Valid() with { Author = null }, "author").SetName("a missing author");
        yield return new TestCaseData(Valid() with { Author = new MentionAuthor { Handle = "bob", Followers = -1 } }, "author.followers").SetName("negative followers");
        yield return new TestCaseData(Valid() with { Text = "   " }, "text").SetName("an empty text");
        yield return new TestCaseData(Valid() with { Text = new string('a', 101) }, "text").SetName("an over-long text");
        yield return new TestCaseData(Valid() with { Text = "bell \u0007 here" }, "text").SetName("a control character");
        yield return new TestCaseData(Valid() with { Text = "broken \uD800 surrogate" }, "text").SetName("a lone surrogate");
        yield return new TestCaseData(Valid() with { Language = "français!" }, "language").SetName("a malformed language tag");
        yield return new TestCaseData(Valid() with { PublishedAt = "2026-11-27T13:30:00" }, "publishedAt").SetName("a time without offset");
        yield return new TestCaseData(Valid() with { PublishedAt = "yesterday" }, "publishedAt").SetName("an unparsable time");
        yield return new TestCaseData(Valid() with { PublishedAt = "2026-11-27T12:06:00Z" }, "publishedAt").SetName("a time in the future");
        yield return new TestCaseData(Valid() with { PublishedAt = "2005-12-31T23:59:59Z" }, "publishedAt").SetName("a time before 2006");
        yield return new TestCaseData(Valid() with { Url = "ftp://example.com/x" }, "url").SetName("a non-http url");
        yield return new TestCaseData(Valid() with { Sentiment = new MentionSentiment { Label = "angry" } }, "sentiment.label").SetName("an unknown sentiment label");
        yield return new TestCaseData(Valid() with { Sentiment = new MentionSentiment { Label = "negative", Score = 1.5 } }, "sentiment.score").SetName("a sentiment score above 1");
    }

    [TestCaseSource(nameof(BadItems))]
    public void It_rejects_naming_the_field(MentionObserved item, string field)
    {
        var (candidate, errors) = Validate(item);

        Assert.That(candidate, Is.Null);
        Assert.That(errors.Select(e => e.Field), Does.Contain(field));
        Assert.That(errors.All(e => e.Line == 7 && e.Reason.Length > 0), Is.True);
    }

    [Test]
    public void It_accepts_a_time_within_the_clock_skew()
    {
        var (candidate, _) = Validate(Valid() with { PublishedAt = "2026-11-27T12:04:00Z" });

        Assert.That(candidate, Is.Not.Null);
    }

    [Test]
    public void It_reports_every_fault_of_an_item_at_once()
    {
        var (_, errors) = Validate(new MentionObserved { Platform = "myspace", Text = "" });

        Assert.That(errors.Select(e => e.Field), Is.SupersetOf(new[] { "platform", "postId", "brandId", "author", "text", "publishedAt" }));
    }
}
