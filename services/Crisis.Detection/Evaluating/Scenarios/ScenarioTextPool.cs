using Crisis.Ingestion.Scoring;

namespace Crisis.Detection.Evaluating.Scenarios;

/// <summary>
/// The texts generated posts are drawn from, by true label, each scored once by the negativity model so that a scenario's
/// negative counts carry the model's real errors. Built from a labelled sentiment file (the shared <c>dev.tsv</c>: texts the
/// model was not trained on) or, where that data is absent, from a few written templates.
/// </summary>
public sealed class ScenarioTextPool
{
    public sealed record ScoredText(string Text, MentionLanguage Language, bool? IsNegative);

    private readonly ScoredText[][] byLabel;

    private ScenarioTextPool(ScoredText[] negative, ScoredText[] neutral, ScoredText[] positive, string source)
    {
        if (negative.Length == 0 || neutral.Length == 0 || positive.Length == 0)
            throw new InvalidDataException($"{source}: the text pool needs at least one negative, one neutral and one positive text");
        byLabel = [negative, neutral, positive];
        Source = source;
    }

    /// <summary>Where the texts come from, for the report.</summary>
    public string Source { get; }

    public int Count => byLabel.Sum(texts => texts.Length);

    public ScoredText Draw(SentimentLabel label, Random random)
    {
        var texts = byLabel[(int)label];
        return texts[random.Next(texts.Length)];
    }

    public static ScenarioTextPool FromTexts(INegativityScorer scorer, IEnumerable<string> negative, IEnumerable<string> neutral, IEnumerable<string> positive, string source) =>
        new(Score(scorer, negative), Score(scorer, neutral), Score(scorer, positive), source);

    /// <summary>
    /// Reads a sentiment file in the shared corpus's format (tab-separated, header row, columns <c>text</c> and <c>label3</c>;
    /// never quoted).
    /// </summary>
    /// <exception cref="InvalidDataException">The header lacks a column, a row its label, or a label has no text at all.</exception>
    public static ScenarioTextPool FromSentimentFile(INegativityScorer scorer, string path)
    {
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? "").Split('\t');
        var textColumn = Array.IndexOf(header, "text");
        var labelColumn = Array.IndexOf(header, "label3");
        if (textColumn < 0 || labelColumn < 0)
            throw new InvalidDataException($"{path}: the header must name the columns 'text' and 'label3'");
        var texts = new List<string>[] { [], [], [] };
        var line = 1;
        for (var row = reader.ReadLine(); row is not null; row = reader.ReadLine())
        {
            line++;
            var cells = row.Split('\t');
            if (cells.Length <= Math.Max(textColumn, labelColumn))
                throw new InvalidDataException($"{path}:{line}: expected {header.Length} tab-separated columns");
            var label = cells[labelColumn] switch
            {
                "negative" => SentimentLabel.Negative,
                "neutral" => SentimentLabel.Neutral,
                "positive" => SentimentLabel.Positive,
                var other => throw new InvalidDataException($"{path}:{line}: label3 '{other}' is not negative, neutral or positive"),
            };
            texts[(int)label].Add(cells[textColumn]);
        }
        return FromTexts(scorer, texts[0], texts[1], texts[2], Path.GetFileName(path));
    }

    private static ScoredText[] Score(INegativityScorer scorer, IEnumerable<string> texts) =>
        [.. texts.Select(text =>
        {
            var score = scorer.Score(text);
            return new ScoredText(text, score.Language, score.IsNegative);
        })];
}
