using System.IO.Compression;
using System.Text;

namespace Crisis.Ingestion.Scoring;

/// <summary>
/// The trained negativity model (trained with ML.NET, see `crisis train-negativity`): a logistic regression over
/// hashed n-gram features; optionally the naive Bayes log-count ratios of the same features and a
/// <see cref="LogitStacker"/> that blends both scores with a few dense signals; and one decision threshold per
/// identified language. Immutable, so one instance serves every thread.
/// </summary>
public sealed class NegativityModel
{
    private const string Magic = "crisis-negativity";
    private const int FormatVersion = 2;
    private readonly float[] weights;
    private readonly float[]? logCountRatios;
    private readonly float[] thresholdByLanguage;

    public NegativityModel(FeatureSettings features, float[] weights, float bias, IReadOnlyDictionary<MentionLanguage, float> thresholds, float defaultThreshold)
        : this(features, weights, bias, naiveBayes: null, stacker: null, thresholds, defaultThreshold)
    {
    }

    /// <param name="naiveBayes">Log-count ratio per slot and the log prior odds; needed by a stacker.</param>
    public NegativityModel(
        FeatureSettings features, float[] weights, float bias, (float[] LogCountRatios, float PriorLogOdds)? naiveBayes, LogitStacker? stacker,
        IReadOnlyDictionary<MentionLanguage, float> thresholds, float defaultThreshold)
    {
        if (weights.Length != features.Dimension || naiveBayes is { } nb && nb.LogCountRatios.Length != features.Dimension)
        {
            throw new ArgumentException($"expected {features.Dimension} weights and log-count ratios", nameof(weights));
        }

        if (stacker is not null && naiveBayes is null)
        {
            throw new ArgumentException("a stacker needs the naive Bayes log-count ratios", nameof(stacker));
        }

        logCountRatios = naiveBayes?.LogCountRatios;
        PriorLogOdds = naiveBayes?.PriorLogOdds ?? 0f;
        Stacker = stacker;

        Features = features;
        this.weights = weights;
        Bias = bias;
        DefaultThreshold = defaultThreshold;
        thresholdByLanguage = new float[Enum.GetValues<MentionLanguage>().Length];
        Array.Fill(thresholdByLanguage, defaultThreshold);
        foreach (var (language, threshold) in thresholds)
        {
            thresholdByLanguage[(int)language] = threshold;
        }
    }

    public FeatureSettings Features { get; }

    public float Bias { get; }

    public float PriorLogOdds { get; }

    public LogitStacker? Stacker { get; }

    public bool HasNaiveBayes => logCountRatios is not null;

    public float DefaultThreshold { get; }

    public IReadOnlyList<float> Weights => weights;

    public float ThresholdFor(MentionLanguage language) =>
        (uint)language < (uint)thresholdByLanguage.Length ? thresholdByLanguage[(int)language] : DefaultThreshold;

    public NegativityModel WithThresholds(IReadOnlyDictionary<MentionLanguage, float> thresholds, float defaultThreshold) =>
        new(Features, weights, Bias, NaiveBayes, Stacker, thresholds, defaultThreshold);

    public NegativityModel WithStacker(LogitStacker stacker) =>
        new(Features, weights, Bias, NaiveBayes, stacker, ThresholdsByLanguage(), DefaultThreshold);

    private (float[] LogCountRatios, float PriorLogOdds)? NaiveBayes => logCountRatios is null ? null : (logCountRatios, PriorLogOdds);

    /// <summary>Probability that the features (sorted distinct slots, their values, the dense signals) describe a negative mention.</summary>
    internal double Probability(FeatureSpan features)
    {
        var score = Logit(features.Indices, features.Values);
        if (Stacker is not null)
        {
            score = Stacker.Score(score, LogOdds(features.Indices), features.Signals);
        }

        return 1.0 / (1.0 + Math.Exp(-score));
    }

    /// <summary>The logistic regression's score (a logit) of the features.</summary>
    public double Logit(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        double score = Bias;
        for (var i = 0; i < indices.Length; i++)
        {
            score += weights[indices[i]] * values[i];
        }

        return score;
    }

    /// <summary>Naive Bayes log-odds of the slots present (presence only, as the ratios were counted); 0 without them.</summary>
    public double LogOdds(ReadOnlySpan<int> indices)
    {
        if (logCountRatios is null)
        {
            return 0;
        }

        double score = PriorLogOdds;
        foreach (var index in indices)
        {
            score += logCountRatios[index];
        }

        return score;
    }

    private Dictionary<MentionLanguage, float> ThresholdsByLanguage() =>
        Enum.GetValues<MentionLanguage>().ToDictionary(l => l, ThresholdFor);

    /// <summary>Writes only the non-zero weights, Brotli-compressed: the file ships inside the assembly.</summary>
    public void Save(Stream stream)
    {
        using var compressed = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(compressed, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Features.HashBits);
        writer.Write(Features.MaxWordNgram);
        writer.Write(Features.MinCharNgram);
        writer.Write(Features.MaxCharNgram);
        writer.Write(Features.PerLanguageCopies);
        writer.Write(Bias);
        writer.Write(DefaultThreshold);
        writer.Write(thresholdByLanguage.Length);
        foreach (var threshold in thresholdByLanguage)
        {
            writer.Write(threshold);
        }

        var nonZero = weights.Count(w => w != 0f);
        writer.Write(nonZero);
        var previous = -1;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] != 0f)
            {
                writer.Write7BitEncodedInt(i - previous);
                writer.Write(weights[i]);
                previous = i;
            }
        }

        writer.Write(logCountRatios is not null);
        if (logCountRatios is not null)
        {
            WriteRatios(writer, logCountRatios, PriorLogOdds);
        }

        writer.Write(Stacker is not null);
        if (Stacker is not null)
        {
            writer.Write(Stacker.Bias);
            writer.Write(Stacker.Weights.Count);
            foreach (var weight in Stacker.Weights)
            {
                writer.Write(weight);
            }
        }
    }

    /// <summary>Slots never seen in training share one ratio (smoothing gives them all the same); only the others are written.</summary>
    private static void WriteRatios(BinaryWriter writer, float[] ratios, float prior)
    {
        var unseen = ratios.GroupBy(r => r).MaxBy(g => g.Count())!.Key;
        writer.Write(prior);
        writer.Write(unseen);
        writer.Write(ratios.Count(r => r != unseen));
        var previous = -1;
        for (var i = 0; i < ratios.Length; i++)
        {
            if (ratios[i] != unseen)
            {
                writer.Write7BitEncodedInt(i - previous);
                writer.Write(ratios[i]);
                previous = i;
            }
        }
    }

    private static (float[] Ratios, float Prior) ReadRatios(BinaryReader reader, int dimension)
    {
        var prior = reader.ReadSingle();
        var ratios = new float[dimension];
        Array.Fill(ratios, reader.ReadSingle());
        var written = reader.ReadInt32();
        var index = -1;
        for (var i = 0; i < written; i++)
        {
            index += reader.Read7BitEncodedInt();
            ratios[index] = reader.ReadSingle();
        }

        return (ratios, prior);
    }

    public static NegativityModel Load(Stream stream)
    {
        using var compressed = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(compressed, Encoding.UTF8);
        try
        {
            // Format 1 is the plain logistic regression, format 2 may add naive Bayes ratios and a stacker.
            if (reader.ReadString() != Magic || reader.ReadInt32() is var version && version is < 1 or > FormatVersion)
            {
                throw new InvalidDataException($"not a {Magic} model of format version 1 to {FormatVersion}");
            }

            var features = new FeatureSettings(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadBoolean());
            if (features.HashBits is < 8 or > 26)
            {
                throw new InvalidDataException($"implausible feature size 2^{features.HashBits}");
            }

            var bias = reader.ReadSingle();
            var defaultThreshold = reader.ReadSingle();
            var thresholds = new Dictionary<MentionLanguage, float>();
            var languages = reader.ReadInt32();
            for (var i = 0; i < languages; i++)
            {
                var threshold = reader.ReadSingle();
                if (Enum.IsDefined((MentionLanguage)i))
                {
                    thresholds[(MentionLanguage)i] = threshold;
                }
            }

            var weights = new float[features.Dimension];
            var nonZero = reader.ReadInt32();
            var index = -1;
            for (var i = 0; i < nonZero; i++)
            {
                index += reader.Read7BitEncodedInt();
                weights[index] = reader.ReadSingle();
            }

            var naiveBayes = version >= 2 && reader.ReadBoolean() ? ReadRatios(reader, features.Dimension) : ((float[], float)?)null;
            LogitStacker? stacker = null;
            if (version >= 2 && reader.ReadBoolean())
            {
                var stackerBias = reader.ReadSingle();
                var count = reader.ReadInt32();
                if (count != LogitStacker.InputCount)
                {
                    throw new InvalidDataException($"a stacker of {count} inputs, expected {LogitStacker.InputCount}");
                }

                var stackerWeights = new float[count];
                for (var i = 0; i < stackerWeights.Length; i++)
                {
                    stackerWeights[i] = reader.ReadSingle();
                }

                stacker = new LogitStacker(stackerWeights, stackerBias);
            }

            return new NegativityModel(features, weights, bias, naiveBayes, stacker, thresholds, defaultThreshold);
        }
        catch (Exception e) when (e is EndOfStreamException or IndexOutOfRangeException or FormatException or ArgumentException)
        {
            throw new InvalidDataException("the negativity model file is truncated or corrupt", e);
        }
    }
}
