using Crisis.ServiceDefaults.Localisation;

namespace Crisis.Reporting.WritingPostMortems;

/// <summary>
/// Who reads the post-mortem: its language (texts from Texts/report.{code}.json, digits as the reader reads them) and its
/// time zone. Every text, number and time of the report goes through here; words people wrote never do.
/// </summary>
public sealed record ReportReader(UiLanguage Language, ViewerZone Zone)
{
    public static readonly ReportReader Default = new(UiLanguage.English, ViewerZone.Utc);

    private static readonly TextCatalogue Texts = TextCatalogue.FromResources(typeof(ReportReader).Assembly, "Crisis.Reporting.report");

    /// <summary>The catalogue, for the specs that keep every language complete.</summary>
    public static TextCatalogue Catalogue => Texts;

    public string T(string key, params (string Name, object? Value)[] values) => Texts.Text(Language, key, values);

    /// <summary>A value recorded in English (an enum name, an event's label) in the reader's language when the catalogue has it.</summary>
    public string Named(string prefix, string value) => Texts.Has($"{prefix}.{value}") ? T($"{prefix}.{value}") : value;

    /// <summary>
    /// An instant with its date and zone, in the reader's digits. In a right-to-left page it is isolated left to right
    /// (U+2066…U+2069, plain text, so it works in the chart's titles too): "2026-03-02 11:05" keeps its order.
    /// </summary>
    public string Stamp(DateTimeOffset at, bool seconds = true) =>
        Language.IsRightToLeft ? $"\u2066{Language.Localise(Zone.Stamp(at, seconds))}\u2069" : Language.Localise(Zone.Stamp(at, seconds));

    /// <summary>The time of day alone ("11:05"), in the reader's zone and digits, where the date and zone are said next to it.</summary>
    public string TimeOfDay(DateTimeOffset at) =>
        Language.Localise(TimeZoneInfo.ConvertTime(at, Zone.Zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A text recorded in English from a shipped default (a default playbook stage's name), translated only while it still is the default.</summary>
    public string Shipped(string key, string recorded) => Texts.Shipped(Language, key, recorded);

    /// <summary>The detector's own title ("Bad buzz on acme") with the brand's name, in the reader's language; a title people wrote stays as written.</summary>
    public string Title(string title, string brandId, string? brandName) =>
        title == $"Bad buzz on {brandId}" ? T("buzzTitle", ("brand", brandName ?? brandId)) : title;

    public string Minutes(double? minutes) => minutes is { } m ? T("minutes", ("n", m)) : "—";

    public string Share(double? share) => Language.Localise(TimelineLines.Share(share));
}
