using Crisis.PersonalData.Pseudonymising;
using Crisis.PersonalData.Reading;

namespace Crisis.Ingestion.Tests.Recording;

public class When_an_author_is_named_by_pseudonym
{
    private static readonly byte[] OneOrganisation = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] AnotherOrganisation = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();

    [Test]
    public void The_same_author_is_the_same_pseudonym_within_an_organisation_whatever_the_case_or_at_sign()
    {
        Assert.That(AuthorPseudonyms.Of(OneOrganisation, "x", "@Amina_DZ"), Is.EqualTo(AuthorPseudonyms.Of(OneOrganisation, "x", " amina_dz")));
    }

    [Test]
    public void Two_organisations_cannot_link_the_same_author()
    {
        Assert.That(AuthorPseudonyms.Of(OneOrganisation, "x", "amina_dz"), Is.Not.EqualTo(AuthorPseudonyms.Of(AnotherOrganisation, "x", "amina_dz")));
    }

    [Test]
    public void The_same_handle_on_another_platform_is_another_author()
    {
        Assert.That(AuthorPseudonyms.Of(OneOrganisation, "x", "amina_dz"), Is.Not.EqualTo(AuthorPseudonyms.Of(OneOrganisation, "facebook", "amina_dz")));
    }

    [Test]
    public void The_pseudonym_says_nothing_of_the_handle()
    {
        var pseudonym = AuthorPseudonyms.Of(OneOrganisation, "x", "amina_dz");
        Assert.That(pseudonym, Does.Match("^author-[0-9a-f]{16}$").And.Not.Contain("amina"));
    }

    [Test]
    public void An_erased_post_is_quoted_as_erased_and_a_long_one_is_cut()
    {
        var post = new PostRef("x", "1");
        Assert.Multiple(() =>
        {
            Assert.That(new PostContent(post, "author-0", null, null, null, null, Erased: true).Excerpt, Is.EqualTo("[erased]"));
            Assert.That(new PostContent(post, "author-0", null, null, null, null, Erased: true).Author, Is.EqualTo("author-0"));
            Assert.That(new PostContent(post, "author-0", "@amina", null, new string('a', 250), null, Erased: false).Excerpt,
                Has.Length.EqualTo(PostContent.ExcerptLength + 1).And.EndsWith("…"));
        });
    }
}
