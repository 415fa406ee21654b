namespace Crisis.Ingestion.Scoring.Training;

/// <summary>One labelled row of the sentiment corpus (see /work/shared/data/sentiment/README.md).</summary>
public sealed record LabelledMention(string Text, bool IsNegative, string LangBucket, string License)
{
    public bool IsCopyleft => License.StartsWith("LGPL", StringComparison.OrdinalIgnoreCase) || License.StartsWith("GPL", StringComparison.OrdinalIgnoreCase);

    /// <summary>The language family a bucket belongs to, to measure language identification against.</summary>
    public MentionLanguage ExpectedLanguage => LangBucket switch
    {
        "arabizi_latin" => MentionLanguage.Arabizi,
        "fr_subtitles" => MentionLanguage.French,
        "en" => MentionLanguage.English,
        _ when LangBucket.StartsWith("ar_", StringComparison.Ordinal) => MentionLanguage.Arabic,
        _ => MentionLanguage.Other,
    };
}

/// <summary>
/// Reads the corpus TSV files: split on tab only, never parse quotes (tweets contain stray quotes),
/// and fail with the file and line when a row does not fit the header.
/// </summary>
public static class SentimentDataset
{
    public static IReadOnlyList<LabelledMention> Read(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()?.Split('\t') ?? throw new InvalidDataException($"{path}: empty file");
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0
            ? i
            : throw new InvalidDataException($"{path}: no '{name}' column in the header");
        int text = Column("text"), label = Column("is_negative"), bucket = Column("lang_bucket"), license = Column("license");

        var rows = new List<LabelledMention>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var fields = line.Split('\t');
            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {fields.Length} fields, the header has {header.Length}");
            }

            var isNegative = fields[label] switch
            {
                "1" => true,
                "0" => false,
                _ => throw new InvalidDataException($"{path}:{lineNumber}: is_negative must be 0 or 1, got '{fields[label]}'"),
            };
            rows.Add(new LabelledMention(fields[text], isNegative, fields[bucket], fields[license]));
        }

        return rows;
    }
}
