using Crisis.Connectors.Querying;

namespace Crisis.Connectors.Tests.Querying;

public class When_posts_are_matched
{
    private static List<string> Match(string query, string text, string? author = null, string? language = null)
    {
        var matcher = new BrandMatcher([new BrandQuery("acme", QueryParser.Parse(query))]);
        var brands = new List<string>();
        matcher.Match(new MatchablePost(text, author, language), brands);
        return brands;
    }

    private static bool Matches(string query, string text, string? author = null, string? language = null) =>
        Match(query, text, author, language).Count == 1;

    [Test]
    public void A_word_matches_whole_words_in_any_case()
    {
        Assert.That(Matches("acme", "Je déteste ACME, vraiment"), Is.True);
        Assert.That(Matches("acme", "acmeville is nice"), Is.False, "a word is not a prefix");
        Assert.That(Matches("acme", "Le #Acme du jour"), Is.True, "a word matches inside a hashtag");
        Assert.That(Matches("acme", "cc @acme"), Is.False, "a word is not a mention of an account");
    }

    [Test]
    public void A_phrase_needs_its_words_in_order_and_side_by_side()
    {
        Assert.That(Matches("\"late delivery\"", "Another LATE delivery from them"), Is.True);
        Assert.That(Matches("\"late delivery\"", "delivery late again"), Is.False);
        Assert.That(Matches("\"late delivery\"", "late, and a delivery"), Is.False);
        Assert.That(Matches("\"late delivery\"", "late... delivery"), Is.True, "punctuation separates words, it does not break a phrase");
    }

    [Test]
    public void A_hashtag_matches_the_tag_only()
    {
        Assert.That(Matches("#acmefail", "so bad #AcmeFail"), Is.True);
        Assert.That(Matches("#acmefail", "so bad acmefail"), Is.False);
    }

    [Test]
    public void A_handle_matches_a_mention_or_the_author()
    {
        Assert.That(Matches("@acme.bsky.social", "hey @Acme.bsky.social, answer."), Is.True);
        Assert.That(Matches("@acme.bsky.social", "anything", author: "acme.bsky.social"), Is.True);
        Assert.That(Matches("@acme@mastodon.social", "cc @acme@mastodon.social"), Is.True);
        Assert.That(Matches("@acme", "mail me at bob@acme.com"), Is.False, "an e-mail address mentions nobody");
    }

    [Test]
    public void Exclusions_and_language_filters_narrow_a_match()
    {
        Assert.That(Matches("acme -job", "acme is hiring, job offer"), Is.False);
        Assert.That(Matches("acme NOT (job OR hiring)", "acme is hiring"), Is.False);
        Assert.That(Matches("acme NOT (job OR hiring)", "acme broke my order"), Is.True);
        Assert.That(Matches("acme lang:ar", "acme", language: "ar-MA"), Is.True, "the primary subtag counts");
        Assert.That(Matches("acme lang:ar", "acme", language: "arz"), Is.False);
        Assert.That(Matches("acme lang:ar", "acme"), Is.False, "a post of unknown language is in no language");
        Assert.That(Matches("acme -lang:en", "acme"), Is.True);
    }

    [Test]
    public void Arabic_and_arabizi_posts_match()
    {
        Assert.That(Matches("أكمي", "خدمة أكمي سيئة جدا"), Is.True);
        Assert.That(Matches("3lach", "3lach acme dayra hakka"), Is.True);
    }

    [Test]
    public void A_post_lists_every_brand_it_mentions_in_configuration_order()
    {
        var matcher = new BrandMatcher([
            new BrandQuery("acme", QueryParser.Parse("acme")),
            new BrandQuery("globex", QueryParser.Parse("globex OR \"global exports\"")),
            new BrandQuery("initech", QueryParser.Parse("initech")),
        ]);
        var brands = new List<string>();

        matcher.Match(new MatchablePost("Global exports beat Acme again", null, null), brands);

        Assert.That(brands, Is.EqualTo(new[] { "acme", "globex" }));
    }

    [Test]
    public void The_index_finds_exactly_what_evaluating_every_query_finds()
    {
        var random = new Random(15);
        string[] vocabulary = ["acme", "globex", "late", "delivery", "refund", "job", "#acmefail", "#ad", "@acme", "@help.bsky.social", "3lach", "خدمة", "sale", "scam"];
        string Piece() => vocabulary[random.Next(vocabulary.Length)];
        string Operand() => random.Next(6) switch
        {
            0 => $"\"{Piece().TrimStart('#', '@')} {Piece().TrimStart('#', '@')}\"",
            1 => $"-{Piece()}",
            2 => $"lang:{(random.Next(2) == 0 ? "en" : "fr")}",
            3 => $"({Piece()} OR {Piece()})",
            _ => Piece(),
        };
        var queries = new List<BrandQuery>();
        while (queries.Count < 300)
        {
            var text = string.Join(random.Next(3) == 0 ? " OR " : " ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Operand()));
            if (QueryParser.TryParse(text, out var query, out _)) queries.Add(new BrandQuery($"b{queries.Count}", query!));
        }
        var indexed = new BrandMatcher(queries);
        var everyQuery = new BrandMatcher(queries, evaluateAll: true);
        var matchedPosts = 0;

        for (var p = 0; p < 5000; p++)
        {
            var post = new MatchablePost(
                string.Join(random.Next(4) == 0 ? ", " : " ", Enumerable.Range(0, random.Next(1, 12)).Select(_ => Piece())),
                random.Next(5) == 0 ? "acme" : null,
                random.Next(3) switch { 0 => "en", 1 => "fr-FR", _ => null });
            var fromIndex = new List<string>();
            var fromAll = new List<string>();
            indexed.Match(post, fromIndex);
            everyQuery.Match(post, fromAll);
            Assert.That(fromIndex, Is.EqualTo(fromAll), $"post '{post.Text}' by {post.AuthorHandle} in {post.Language}");
            if (fromAll.Count > 0) matchedPosts++;
        }
        Assert.That(matchedPosts, Is.GreaterThan(500), "the generated posts exercise matches, not only misses");
    }
}
