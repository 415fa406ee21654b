using Crisis.Connectors.Querying;

namespace Crisis.Connectors.Tests.Querying;

public class When_a_brand_query_is_parsed
{
    [Test]
    public void Words_phrases_tags_handles_and_filters_become_one_tree()
    {
        var query = QueryParser.Parse("(Acme OR \"acme corp\" OR #AcmeFail OR @acme.bsky.social) -job NOT #ad lang:fr");

        Assert.That(query, Is.InstanceOf<AndNode>());
        var and = (AndNode)query;
        Assert.That(and.Operands, Has.Count.EqualTo(4));
        var or = (OrNode)and.Operands[0];
        Assert.That(or.Operands[0], Is.EqualTo(new TermNode("acme")));
        Assert.That(((PhraseNode)or.Operands[1]).Words, Is.EqualTo(new[] { "acme", "corp" }));
        Assert.That(or.Operands[2], Is.EqualTo(new HashtagNode("acmefail")));
        Assert.That(or.Operands[3], Is.EqualTo(new HandleNode("acme.bsky.social")));
        Assert.That(and.Operands[1], Is.EqualTo(new NotNode(new TermNode("job"))));
        Assert.That(and.Operands[2], Is.EqualTo(new NotNode(new HashtagNode("ad"))));
        Assert.That(and.Operands[3], Is.EqualTo(new LanguageNode("fr")));
    }

    [Test]
    public void OR_binds_looser_than_AND()
    {
        var query = QueryParser.Parse("a b OR c AND d");

        Assert.That(query, Is.InstanceOf<OrNode>());
        Assert.That(((OrNode)query).Operands, Has.All.InstanceOf<AndNode>());
    }

    [Test]
    public void A_word_with_inner_punctuation_is_the_phrase_of_its_words()
    {
        Assert.That(((PhraseNode)QueryParser.Parse("acme-corp")).Words, Is.EqualTo(new[] { "acme", "corp" }));
        Assert.That(QueryParser.Parse("t-shirt"), Is.InstanceOf<PhraseNode>(), "a dash inside a word is no exclusion");
    }

    [Test]
    public void Arabic_and_arabizi_words_are_words() =>
        Assert.That(QueryParser.Parse("أكمي OR 3lach"), Is.EqualTo(new OrNode([new TermNode("أكمي"), new TermNode("3lach")])).Using<QueryNode>(SameTree));

    [Test]
    public void Lower_case_operators_are_words() =>
        Assert.That(QueryParser.Parse("rock or roll"), Is.InstanceOf<AndNode>().With.Property(nameof(AndNode.Operands)).Count.EqualTo(3));

    [TestCase("", 1, "is empty")]
    [TestCase("   ", 1, "is empty")]
    [TestCase("acme \"late delivery", 6, "not closed")]
    [TestCase("(acme OR brand", 1, "'(' is not closed")]
    [TestCase("acme)", 5, "closes no '('")]
    [TestCase("OR acme", 1, "OR needs a word")]
    [TestCase("acme OR", 6, "OR needs a word")]
    [TestCase("acme AND", 6, "AND needs a word")]
    [TestCase("acme NOT", 6, "NOT needs a word")]
    [TestCase("acme -", 6, "'-' needs a word")]
    [TestCase("acme ()", 6, "group is empty")]
    [TestCase("acme lang:", 6, "lang: needs a language code")]
    [TestCase("acme lang:f1", 6, "lang: needs a language code")]
    [TestCase("acme # x", 6, "#hashtag is '#' followed by")]
    [TestCase("acme @", 6, "@handle is '@' followed by")]
    [TestCase("acme !!!", 6, "holds no letters or digits")]
    [TestCase("-acme", 1, "must require at least one word")]
    [TestCase("lang:fr NOT job", 1, "must require at least one word")]
    [TestCase("acme OR -job", 1, "must require at least one word")]
    [TestCase("acme\u0007", 5, "control characters")]
    public void A_bad_query_is_refused_with_the_position_and_the_reason(string text, int position, string reason)
    {
        Assert.That(QueryParser.TryParse(text, out var query, out var error), Is.False);
        Assert.That(query, Is.Null);
        Assert.That(error!.Position, Is.EqualTo(position), error.ToString());
        Assert.That(error.Reason, Does.Contain(reason));
    }

    [Test]
    public void Limits_keep_a_query_small_and_shallow()
    {
        Assert.That(QueryParser.TryParse(new string('(', 17) + "a" + new string(')', 17), out _, out var deep), Is.False);
        Assert.That(deep!.Reason, Does.Contain("nested more than 16"));
        Assert.That(QueryParser.TryParse(string.Join(" OR ", Enumerable.Range(0, 101).Select(i => $"w{i}")), out _, out var wide), Is.False);
        Assert.That(wide!.Reason, Does.Contain("more than 100"));
        Assert.That(QueryParser.TryParse(new string('a', 1001), out _, out var longer), Is.False);
        Assert.That(longer!.Reason, Does.Contain("limit is 1000"));
    }

    private static bool SameTree(QueryNode a, QueryNode b) => (a, b) switch
    {
        (OrNode x, OrNode y) => x.Operands.Count == y.Operands.Count && x.Operands.Zip(y.Operands).All(p => SameTree(p.First, p.Second)),
        (AndNode x, AndNode y) => x.Operands.Count == y.Operands.Count && x.Operands.Zip(y.Operands).All(p => SameTree(p.First, p.Second)),
        _ => a.Equals(b),
    };
}
