using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Crisis.ServiceDefaults.Localisation;

/// <summary>
/// The texts one module shows people, per language, from JSON files embedded in its assembly (the same shape as the
/// dashboard's locales/*.json: nested objects, dotted keys, {name} placeholders). A key missing from a language falls
/// back to English; missing from English it is a defect, refused at once. <see cref="Problems"/> lists keys or
/// placeholders a language lacks, for the specs that keep every catalogue complete.
/// </summary>
public sealed partial class TextCatalogue
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> texts;

    private TextCatalogue(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> texts) => this.texts = texts;

    /// <summary>Reads the resources named <c>{prefix}.{code}.json</c> for every supported language; English is required.</summary>
    public static TextCatalogue FromResources(Assembly assembly, string prefix)
    {
        var texts = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var code in UiLanguage.Supported)
        {
            using var stream = assembly.GetManifestResourceStream($"{prefix}.{code}.json");
            if (stream is null) continue;
            using var document = JsonDocument.Parse(stream);
            var flat = new Dictionary<string, string>(StringComparer.Ordinal);
            Flatten(document.RootElement, "", flat);
            texts[code] = flat;
        }
        if (!texts.ContainsKey("en")) throw new InvalidOperationException($"the English texts '{prefix}.en.json' are not embedded in {assembly.GetName().Name}");
        return new TextCatalogue(texts);
    }

    /// <summary>Catalogues given as JSON texts by language code (the dashboard's locales/*.json, read by its specs).</summary>
    public static TextCatalogue FromJson(IReadOnlyDictionary<string, string> jsonByCode)
    {
        var texts = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (code, json) in jsonByCode)
        {
            using var document = JsonDocument.Parse(json);
            var flat = new Dictionary<string, string>(StringComparer.Ordinal);
            Flatten(document.RootElement, "", flat);
            texts[code] = flat;
        }
        if (!texts.ContainsKey("en")) throw new InvalidOperationException("the English texts are required");
        return new TextCatalogue(texts);
    }

    /// <summary>Every key of the English catalogue (plural forms as key.one, key.other...).</summary>
    public IReadOnlyCollection<string> EnglishKeys => [.. texts["en"].Keys];

    private static void Flatten(JsonElement element, string path, Dictionary<string, string> into)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject()) Flatten(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", into);
        }
        else if (element.ValueKind == JsonValueKind.String)
        {
            into[path] = element.GetString()!;
        }
        else
        {
            throw new InvalidOperationException($"text '{path}' must be a string or an object of texts");
        }
    }

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>, its {placeholders} filled (numbers in the language's digits).</summary>
    public string Text(UiLanguage language, string key, params (string Name, object? Value)[] values)
    {
        var template = Lookup(language.Code, key) ?? Lookup("en", key) ?? throw new KeyNotFoundException($"no text '{key}' in the English catalogue");
        if (values.Length == 0) return template;
        var text = new StringBuilder(template.Length + 32);
        var last = 0;
        foreach (Match m in Placeholder().Matches(template))
        {
            text.Append(template, last, m.Index - last);
            var name = m.Groups[1].Value;
            var value = values.FirstOrDefault(v => v.Name == name).Value;
            text.Append(value switch
            {
                null => "",
                int i => language.Number(i),
                long l => language.Number(l),
                double d => language.Number(d),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            });
            last = m.Index + m.Length;
        }
        return text.Append(template, last, template.Length - last).ToString();
    }

    public bool Has(string key) => Lookup("en", key) is not null;

    /// <summary>
    /// A text recorded in English from a shipped default (a default playbook stage's name), in the reader's language:
    /// only when the recorded text is still the English default under <paramref name="key"/>, so an organisation's own
    /// wording is never replaced.
    /// </summary>
    public string Shipped(UiLanguage language, string key, string recorded) =>
        Lookup("en", key) == recorded ? Text(language, key) : recorded;

    private string? Lookup(string code, string key) =>
        texts.TryGetValue(code, out var catalogue) && catalogue.TryGetValue(key, out var text) ? text : null;

    /// <summary>What each supported language lacks against English (keys, placeholders) or has that English does not.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var english = texts["en"];
        foreach (var code in UiLanguage.Supported.Where(c => c != "en"))
        {
            if (!texts.TryGetValue(code, out var catalogue))
            {
                problems.Add($"{code}: no catalogue");
                continue;
            }
            foreach (var (key, text) in english)
            {
                // Plural forms differ by language (Arabic has six, English two): only "other" is required everywhere.
                if (!catalogue.TryGetValue(key, out var translated))
                {
                    if (!IsPluralForm(key) || key.EndsWith(".other", StringComparison.Ordinal)) problems.Add($"{code}: missing '{key}'");
                    continue;
                }
                if (!Placeholders(text).SetEquals(Placeholders(translated)) && !IsPluralForm(key)) problems.Add($"{code}: '{key}' has placeholders {string.Join(",", Placeholders(translated))}, English {string.Join(",", Placeholders(text))}");
            }
            problems.AddRange(catalogue.Keys
                .Where(k => !english.ContainsKey(k) && !(IsPluralForm(k) && english.ContainsKey(k[..k.LastIndexOf('.')] + ".other")))
                .Select(k => $"{code}: '{k}' is not an English key"));
        }
        return problems;
    }

    private static readonly string[] PluralCategories = ["zero", "one", "two", "few", "many", "other"];

    private static bool IsPluralForm(string key) => PluralCategories.Contains(key[(key.LastIndexOf('.') + 1)..]);

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
