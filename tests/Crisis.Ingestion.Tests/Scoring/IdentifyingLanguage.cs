using Crisis.Ingestion.Scoring;
using NUnit.Framework;

namespace Crisis.Ingestion.Tests.Scoring;

public class When_identifying_the_language_of_a_mention
{
    [TestCase("الخدمة سيئة جدا ولا أحد يرد", MentionLanguage.Arabic)]
    [TestCase("والله ما عجبنيش هاد الشي", MentionLanguage.Arabic)]
    [TestCase("3lach ma tjawbounich, ra9m dyali ma5dam", MentionLanguage.Arabizi)]
    [TestCase("wallah el connexion mch behia barcha", MentionLanguage.Arabizi)]
    [TestCase("je ne suis pas content du tout de votre service", MentionLanguage.French)]
    [TestCase("le réseau est coupé depuis ce matin", MentionLanguage.French)]
    [TestCase("this is the worst service I have ever had", MentionLanguage.English)]
    [TestCase("Это ужасный сервис", MentionLanguage.Other)]
    [TestCase("😡😡😡", MentionLanguage.Unknown)]
    [TestCase("", MentionLanguage.Unknown)]
    public void It_names_the_language_family(string text, MentionLanguage expected) =>
        Assert.That(LanguageIdentifier.Identify(TextNormalizer.Normalize(text)), Is.EqualTo(expected));

    [Test]
    public void It_takes_latin_text_without_any_french_or_english_cue_for_arabizi() =>
        Assert.That(LanguageIdentifier.Identify(TextNormalizer.Normalize("yesser mzyouna")), Is.EqualTo(MentionLanguage.Arabizi));

    [Test]
    public void It_does_not_take_times_and_ordinals_for_arabizi_spelling() =>
        Assert.That(LanguageIdentifier.Identify(TextNormalizer.Normalize("see you tomorrow at 7am for the 3rd round")), Is.EqualTo(MentionLanguage.English));

    [Test]
    public void It_goes_by_the_majority_script_when_scripts_mix() =>
        Assert.That(LanguageIdentifier.Identify(TextNormalizer.Normalize("merci الخدمة ممتازة بزاف")), Is.EqualTo(MentionLanguage.Arabic));
}
