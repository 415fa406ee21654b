using Crisis.Ingestion.Scoring;

namespace Crisis.Cli.Scoring;

/// <summary>A training row as the dialect identifier sees it: its words, identified language and labelled dialect.</summary>
public readonly record struct DialectExample(string WordsText, MentionLanguage Language, MentionDialect Dialect);

/// <summary>
/// Trains the <see cref="DialectIdentifier"/> by counting character n-grams per dialect (multinomial naive
/// Bayes, add-one smoothing), and gives the training rows cross-fitted dialects: each row's dialect comes
/// from an identifier trained without its fold, so the negativity model learns its dialect copies from
/// dialects as wrong as they will be at run time, not from ones the identifier has memorised.
/// </summary>
public static class DialectTraining
{
    public const int HashBits = 16;
    private const int Folds = 5;

    public static DialectIdentifier Train(IReadOnlyList<DialectExample> examples)
    {
        var classes = examples.Where(e => e.Dialect != MentionDialect.None)
            .Select(e => (e.Dialect, e.Language)).Distinct().OrderBy(c => c.Language).ThenBy(c => c.Dialect).ToList();
        var slots = 1 << HashBits;
        var counts = new double[slots * classes.Count];
        var totals = new double[classes.Count];
        var rows = new int[classes.Count];
        foreach (var e in examples)
        {
            var k = classes.IndexOf((e.Dialect, e.Language));
            if (k < 0)
            {
                continue;
            }

            rows[k]++;
            DialectIdentifier.ForEachNgram(e.WordsText, HashBits, slot =>
            {
                counts[slot * classes.Count + k]++;
                totals[k]++;
            });
        }

        var logLikelihood = new float[counts.Length];
        for (var slot = 0; slot < slots; slot++)
        {
            for (var k = 0; k < classes.Count; k++)
            {
                logLikelihood[slot * classes.Count + k] = (float)Math.Log((counts[slot * classes.Count + k] + 1) / (totals[k] + slots));
            }
        }

        var dialectClasses = classes.Select((c, k) => new DialectClass(
            c.Dialect, c.Language, (float)Math.Log((double)rows[k] / rows.Where((_, j) => classes[j].Language == c.Language).Sum()))).ToList();
        return new DialectIdentifier(HashBits, dialectClasses, logLikelihood);
    }

    /// <summary>Each row's dialect by an identifier trained on the other folds (row i is in fold i mod 5).</summary>
    public static MentionDialect[] CrossFitted(IReadOnlyList<DialectExample> examples)
    {
        var dialects = new MentionDialect[examples.Count];
        for (var fold = 0; fold < Folds; fold++)
        {
            var identifier = Train([.. examples.Where((_, i) => i % Folds != fold)]);
            for (var i = fold; i < examples.Count; i += Folds)
            {
                dialects[i] = identifier.Identify(examples[i].WordsText, examples[i].Language);
            }
        }

        return dialects;
    }
}
