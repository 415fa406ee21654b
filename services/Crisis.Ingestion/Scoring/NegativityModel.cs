using System.IO.Compression;
using System.Text;

namespace Crisis.Ingestion.Scoring;

/// <summary>
/// The trained negativity model: a logistic regression over hashed n-gram features (trained with ML.NET,
/// see `crisis train-negativity`) plus one decision threshold per identified language. Immutable, so one
/// instance serves every thread.
/// </summary>
public sealed class NegativityModel
{
    private const string Magic = "crisis-negativity";
    private const int FormatVersion = 1;
    private readonly float[] weights;
    private readonly float[] thresholdByLanguage;

    public NegativityModel(FeatureSettings features, float[] weights, float bias, IReadOnlyDictionary<MentionLanguage, float> thresholds, float defaultThreshold)
    {
        if (weights.Length != features.Dimension)
        {
            throw new ArgumentException($"expected {features.Dimension} weights, got {weights.Length}", nameof(weights));
        }

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

    public float DefaultThreshold { get; }

    public IReadOnlyList<float> Weights => weights;

    public float ThresholdFor(MentionLanguage language) =>
        (uint)language < (uint)thresholdByLanguage.Length ? thresholdByLanguage[(int)language] : DefaultThreshold;

    public NegativityModel WithThresholds(IReadOnlyDictionary<MentionLanguage, float> thresholds, float defaultThreshold) =>
        new(Features, weights, Bias, thresholds, defaultThreshold);

    /// <summary>Probability that the features describe a negative mention.</summary>
    public double Probability(SparseVector features) => Probability(features.Indices, features.Values);

    /// <summary>Probability that the features (sorted distinct slots and their values) describe a negative mention.</summary>
    public double Probability(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        double score = Bias;
        for (var i = 0; i < indices.Length; i++)
        {
            score += weights[indices[i]] * values[i];
        }

        return 1.0 / (1.0 + Math.Exp(-score));
    }

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
    }

    public static NegativityModel Load(Stream stream)
    {
        using var compressed = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(compressed, Encoding.UTF8);
        try
        {
            if (reader.ReadString() != Magic || reader.ReadInt32() is var version && version != FormatVersion)
            {
                throw new InvalidDataException($"not a {Magic} model of format version {FormatVersion}");
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

            return new NegativityModel(features, weights, bias, thresholds, defaultThreshold);
        }
        catch (Exception e) when (e is EndOfStreamException or IndexOutOfRangeException or FormatException)
        {
            throw new InvalidDataException("the negativity model file is truncated or corrupt", e);
        }
    }
}
