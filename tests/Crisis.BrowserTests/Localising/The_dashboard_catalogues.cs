using System.Text.RegularExpressions;
using Crisis.IntegrationTests.Running;
using Crisis.ServiceDefaults.Localisation;

namespace Crisis.BrowserTests.Localising;

/// <summary>
/// The dashboard's texts (services/Crisis.Dashboard/wwwroot/locales/*.json) against each other and against the pages
/// that use them: every language has every English key with the same placeholders, and every key a page names
/// literally exists. Keys built at run time (`status.${status}`) are caught in the browser: i18n.js reports a missing
/// one as a console error, which fails any browser spec (DashboardSpec).
/// </summary>
public partial class The_dashboard_catalogues
{
    private static readonly string Root = Path.Combine(TestServers.RepositoryRoot, "services", "Crisis.Dashboard", "wwwroot");

    private static TextCatalogue Catalogue() => TextCatalogue.FromJson(UiLanguage.Supported.ToDictionary(
        code => code, code => File.ReadAllText(Path.Combine(Root, "locales", $"{code}.json"))));

    [Test]
    public void Translate_every_english_text_with_the_same_placeholders() =>
        Assert.That(Catalogue().Problems(), Is.Empty);

    [Test]
    public void Hold_every_key_the_pages_name()
    {
        var keys = Catalogue().EnglishKeys.ToHashSet(StringComparer.Ordinal);
        // i18n.js defines t() and its comments show made-up keys; every other file uses them.
        var used = Directory.EnumerateFiles(Root, "*.js").Where(f => Path.GetFileName(f) != "i18n.js").Concat(Directory.EnumerateFiles(Root, "*.html"))
            .SelectMany(file => KeyUse().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: m.Groups["key"].Value)))
            .SelectMany(use => use.Key.Split(';').Select(part => (use.File, Key: part.Contains(':', StringComparison.Ordinal) ? part.Split(':')[1].Trim() : part.Trim())))
            .ToList();
        Assert.That(used, Has.Count.GreaterThan(100), "the pages name their texts through t(), tx() and data-i18n");
        var missing = used.Where(u => !keys.Contains(u.Key) && !keys.Contains($"{u.Key}.other")).Select(u => $"{u.File}: {u.Key}").Distinct();
        Assert.That(missing, Is.Empty);
    }

    [GeneratedRegex("""(?:\b(?:tx?|text)\(\s*'(?<key>[a-zA-Z][\w.-]*)'|data-i18n(?:-attr)?="(?<key>[^"]+)")""")]
    private static partial Regex KeyUse();
}
