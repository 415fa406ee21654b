using System.Text.RegularExpressions;

namespace Crisis.CrisisCell.Desk.Templating;

/// <summary>
/// The placeholders an answer template may use, and how they are filled. A placeholder is a name in braces; the set is
/// closed so that a typo ({autor}) is refused when the template is saved instead of reaching the public as written.
/// </summary>
public static partial class TemplateText
{
    public const string Author = "author";
    public const string Brand = "brand";
    /// <summary>The link of the incident's latest published statement: what "here is what we are doing" points to.</summary>
    public const string IncidentLink = "incident_link";

    public const int LongestText = 2_000;

    public static IReadOnlyList<string> Known { get; } = [Author, Brand, IncidentLink];

    /// <summary>The placeholder names the text uses, in order of first use.</summary>
    public static IReadOnlyList<string> PlaceholdersOf(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>Why the text cannot be a template (empty, too long, an unknown placeholder), or null.</summary>
    public static string? Problem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "is required";
        if (text.Length > LongestText) return $"is {text.Length} characters; a template has at most {LongestText}";
        var unknown = PlaceholdersOf(text).Where(p => !Known.Contains(p, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0 ? null : $"uses unknown placeholder(s) {string.Join(", ", unknown.Select(u => "{" + u + "}"))}; known: {string.Join(", ", Known.Select(k => "{" + k + "}"))}";
    }

    /// <summary>
    /// Fills every placeholder in one pass (a value containing braces is never read as a placeholder). Returns the names
    /// that have no value instead of sending an answer with a hole in it.
    /// </summary>
    public static (string? Text, IReadOnlyList<string> Missing) Render(string text, IReadOnlyDictionary<string, string?> values)
    {
        var missing = PlaceholdersOf(text).Where(p => values.GetValueOrDefault(p) is null).ToList();
        if (missing.Count > 0) return (null, missing);
        return (Placeholder().Replace(text, m => values[m.Groups["name"].Value]!), []);
    }

    // Names as people type them: letters, digits and underscores; "{ }" or "{}" in prose is not a placeholder.
    [GeneratedRegex(@"\{(?<name>[A-Za-z][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
