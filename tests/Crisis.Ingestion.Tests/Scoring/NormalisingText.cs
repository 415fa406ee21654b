using Crisis.Ingestion.Scoring;
using NUnit.Framework;

namespace Crisis.Ingestion.Tests.Scoring;

public class When_arabic_letters_have_variant_forms
{
    [TestCase("أحمد", "احمد")]
    [TestCase("إسلام", "اسلام")]
    [TestCase("آمال", "امال")]
    [TestCase("مدرسة", "مدرسه")]
    [TestCase("مستشفى", "مستشفي")]
    public void It_folds_them_to_one_spelling(string written, string folded) =>
        Assert.That(TextNormalizer.Normalize(written).Tokens, Is.EqualTo(new[] { folded }));

    [Test]
    public void It_drops_diacritics_and_tatweel() =>
        Assert.That(TextNormalizer.Normalize("جَمِيـــــل").Tokens, Is.EqualTo(new[] { "جميل" }));
}

public class When_letters_are_stretched
{
    [TestCase("sooooo bad", "soo")]
    [TestCase("هههههههه", "هه")]
    [TestCase("nooooon", "noon")]
    public void It_keeps_two_of_them(string text, string expectedFirstToken) =>
        Assert.That(TextNormalizer.Normalize(text).Tokens[0], Is.EqualTo(expectedFirstToken));

    [Test]
    public void It_adds_an_elongation_marker() =>
        Assert.That(TextNormalizer.Normalize("bzaaaaf").Tokens, Does.Contain(TextNormalizer.ElongationToken));
}

public class When_a_hashtag_joins_words_in_camel_case
{
    [Test]
    public void It_splits_them_into_words() =>
        Assert.That(TextNormalizer.Normalize("so true #WorstServiceEver").Tokens, Is.EqualTo(new[] { "so", "true", "worst", "service", "ever" }));

    [Test]
    public void A_word_outside_a_hashtag_stays_whole() =>
        Assert.That(TextNormalizer.Normalize("my iPhone McDonald").Tokens, Is.EqualTo(new[] { "my", "iphone", "mcdonald" }));
}

public class When_text_has_links_handles_and_numbers
{
    [Test]
    public void It_replaces_them_with_placeholders()
    {
        var tokens = TextNormalizer.Normalize("@Orange_Maroc regardez https://t.co/abc123 et www.example.com 2024").Tokens;

        Assert.That(tokens, Is.EqualTo(new[]
        {
            TextNormalizer.UserToken, "regardez", TextNormalizer.UrlToken, "et", TextNormalizer.UrlToken, TextNormalizer.NumberToken,
        }));
    }

    [Test]
    public void It_keeps_arabizi_digits_inside_words() =>
        Assert.That(TextNormalizer.Normalize("3lach ma7abitch").Tokens, Is.EqualTo(new[] { "3lach", "ma7abitch" }));

    [Test]
    public void It_reads_eastern_arabic_digits_as_a_number() =>
        Assert.That(TextNormalizer.Normalize("٢٠٢٤").Tokens, Is.EqualTo(new[] { TextNormalizer.NumberToken }));
}

public class When_text_has_emoji
{
    [Test]
    public void It_turns_each_emoji_into_a_token_and_a_mood()
    {
        var tokens = TextNormalizer.Normalize("service 😡👍🏽").Tokens;

        Assert.That(tokens, Is.EqualTo(new[] { "service", "<e1f621>", "<mood:angry>", "<e1f44d>", "<mood:approve>" }));
    }

    [Test]
    public void It_counts_no_letters_for_them() =>
        Assert.That(TextNormalizer.Normalize("😂😂❤️").HasWords, Is.False);
}

public class When_text_is_broken_unicode
{
    [Test]
    public void It_treats_lone_surrogates_and_control_characters_as_separators() =>
        Assert.That(TextNormalizer.Normalize("bad\uD800service\u0000now\u001B").Tokens, Is.EqualTo(new[] { "bad", "service", "now" }));
}

public class When_text_is_very_long
{
    [Test]
    public void It_reads_only_the_start()
    {
        var tokens = TextNormalizer.Normalize(string.Concat(Enumerable.Repeat("abc ", 25_000))).Tokens;

        Assert.That(tokens, Has.Count.EqualTo(TextNormalizer.MaxCharsRead / 4));
    }
}

public class When_text_has_emoticons
{
    [TestCase("not happy :(", "<mood:sad>")]
    [TestCase("merci :-)", "<mood:happy>")]
    [TestCase("ok :/", "<mood:scorn>")]
    [TestCase("je t'aime <3", "<mood:love>")]
    [TestCase("encore -_-", "<mood:scorn>")]
    public void It_reads_them_as_moods(string text, string mood) =>
        Assert.That(TextNormalizer.Normalize(text).Tokens[^1], Is.EqualTo(mood));

    [TestCase("see you at 10:30")]
    [TestCase("note:d")]
    public void It_leaves_times_and_words_alone(string text) =>
        Assert.That(TextNormalizer.Normalize(text).Tokens, Has.None.StartsWith("<mood:"));
}
