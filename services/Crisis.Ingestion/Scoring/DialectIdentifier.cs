namespace Crisis.Ingestion.Scoring;

/// <summary>
/// Tells the Arabic variety of a mention from its character 1-4-grams: a multinomial naive Bayes model per
/// language (Arabic script, Arabizi), trained by `crisis train-negativity` on the corpus's dialect labels and
/// stored in the model file. Naive Bayes because it is a table lookup per n-gram, trains by counting, and
/// needs no iteration or seed; hashing the n-grams keeps the table small. Immutable and thread-safe.
/// </summary>
public sealed class DialectIdentifier
{
    public const int MinNgram = 1;
    public const int MaxNgram = 4;
    private const uint NgramSeed = 0x61C88647;

    private readonly DialectClass[] classes;
    // Slot-major, so one n-gram reads its log-likelihoods for every class from one cache line.
    private readonly float[] logLikelihood;

    public DialectIdentifier(int hashBits, IReadOnlyList<DialectClass> classes, float[] logLikelihood)
    {
        if (logLikelihood.Length != (1 << hashBits) * classes.Count)
        {
            throw new ArgumentException($"expected {(1 << hashBits) * classes.Count} log-likelihoods, got {logLikelihood.Length}", nameof(logLikelihood));
        }

        HashBits = hashBits;
        this.classes = [.. classes];
        this.logLikelihood = logLikelihood;
    }

    public int HashBits { get; }

    public IReadOnlyList<DialectClass> Classes => classes;

    public IReadOnlyList<float> LogLikelihood => logLikelihood;

    /// <summary>The likeliest dialect among those of the language, or None when the language has none.</summary>
    public MentionDialect Identify(ReadOnlySpan<char> wordsText, MentionLanguage language)
    {
        Span<double> scores = stackalloc double[classes.Length];
        var any = false;
        for (var k = 0; k < classes.Length; k++)
        {
            any |= classes[k].Language == language;
            scores[k] = classes[k].LogPrior;
        }

        if (!any)
        {
            return MentionDialect.None;
        }

        var mask = (1u << HashBits) - 1;
        for (var n = MinNgram; n <= MaxNgram; n++)
        {
            for (var start = 0; start + n <= wordsText.Length; start++)
            {
                var row = (int)(FeatureHash.Of(wordsText.Slice(start, n), NgramSeed + (uint)n) & mask) * classes.Length;
                for (var k = 0; k < classes.Length; k++)
                {
                    scores[k] += logLikelihood[row + k];
                }
            }
        }

        var best = -1;
        for (var k = 0; k < classes.Length; k++)
        {
            if (classes[k].Language == language && (best < 0 || scores[k] > scores[best]))
            {
                best = k;
            }
        }

        return classes[best].Dialect;
    }

    /// <summary>Calls back with the hashed slot of every character n-gram, for training to count what scoring reads.</summary>
    public static void ForEachNgram(ReadOnlySpan<char> wordsText, int hashBits, Action<int> slot)
    {
        var mask = (1u << hashBits) - 1;
        for (var n = MinNgram; n <= MaxNgram; n++)
        {
            for (var start = 0; start + n <= wordsText.Length; start++)
            {
                slot((int)(FeatureHash.Of(wordsText.Slice(start, n), NgramSeed + (uint)n) & mask));
            }
        }
    }
}

/// <summary>One dialect the identifier can answer, the language it belongs to and its log prior.</summary>
public readonly record struct DialectClass(MentionDialect Dialect, MentionLanguage Language, float LogPrior);
