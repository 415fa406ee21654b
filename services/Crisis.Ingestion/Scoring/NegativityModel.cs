using System.IO.Compression;
using System.Text;

namespace Crisis.Ingestion.Scoring;

/// <summary>
/// The trained negativity model: a logistic regression over hashed n-gram features (trained with ML.NET,
/// see `crisis train-negativity`) plus one decision threshold per identified language and dialect, and the
/// dialect identifier. Immutable, so one instance serves every thread.
/// </summary>
public sealed class NegativityModel
{
    private const string Magic = "crisis-negativity";
    // Version 2 adds dialect copies, dialect thresholds and the dialect identifier; version 1 files still load.
    private const int FormatVersion = 2;
    private readonly float[] weights;
    private readonly float[] thresholdByLanguage;
    private readonly float[] thresholdByDialect;

    public NegativityModel(
        FeatureSettings features,
        float[] weights,
        float bias,
        IReadOnlyDictionary<MentionLanguage, float> thresholds,
        float defaultThreshold,
        IReadOnlyDictionary<MentionDialect, float>? dialectThresholds = null,
        DialectIdentifier? dialects = null)
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

        // NaN: no threshold of its own, the language's applies.
        thresholdByDialect = new float[Enum.GetValues<MentionDialect>().Length];
        Array.Fill(thresholdByDialect, float.NaN);
        foreach (var (dialect, threshold) in dialectThresholds ?? new Dictionary<MentionDialect, float>())
        {
            thresholdByDialect[(int)dialect] = threshold;
        }

        Dialects = dialects;
    }

    /// <summary>Tells the Arabic variety, for dialect copies and thresholds; null in a model without them.</summary>
    public DialectIdentifier? Dialects { get; }

    public IReadOnlyDictionary<MentionDialect, float> DialectThresholds =>
        Enum.GetValues<MentionDialect>().Where(d => !float.IsNaN(thresholdByDialect[(int)d])).ToDictionary(d => d, d => thresholdByDialect[(int)d]);

    public FeatureSettings Features { get; }

    public float Bias { get; }

    public float DefaultThreshold { get; }

    public IReadOnlyList<float> Weights => weights;

    public float ThresholdFor(MentionLanguage language) =>
        (uint)language < (uint)thresholdByLanguage.Length ? thresholdByLanguage[(int)language] : DefaultThreshold;

    /// <summary>The dialect's own threshold where it has one, else the language's.</summary>
    public float ThresholdFor(MentionLanguage language, MentionDialect dialect) =>
        (uint)dialect < (uint)thresholdByDialect.Length && !float.IsNaN(thresholdByDialect[(int)dialect])
            ? thresholdByDialect[(int)dialect]
            : ThresholdFor(language);

    public NegativityModel WithThresholds(IReadOnlyDictionary<MentionLanguage, float> thresholds, float defaultThreshold, IReadOnlyDictionary<MentionDialect, float>? dialectThresholds = null) =>
        new(Features, weights, Bias, thresholds, defaultThreshold, dialectThresholds, Dialects);

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
        writer.Write(Features.PerDialectCopies);
        writer.Write(Bias);
        writer.Write(DefaultThreshold);
        writer.Write(thresholdByLanguage.Length);
        foreach (var threshold in thresholdByLanguage)
        {
            writer.Write(threshold);
        }

        writer.Write(thresholdByDialect.Length);
        foreach (var threshold in thresholdByDialect)
        {
            writer.Write(threshold);
        }

        WriteDialects(writer, Dialects);
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
            if (reader.ReadString() != Magic || reader.ReadInt32() is var version && version is < 1 or > FormatVersion)
            {
                throw new InvalidDataException($"not a {Magic} model of format version 1 to {FormatVersion}");
            }

            var features = new FeatureSettings(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadBoolean(), version >= 2 && reader.ReadBoolean());
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

            var dialectThresholds = new Dictionary<MentionDialect, float>();
            DialectIdentifier? dialects = null;
            if (version >= 2)
            {
                var count = reader.ReadInt32();
                for (var i = 0; i < count; i++)
                {
                    var threshold = reader.ReadSingle();
                    if (Enum.IsDefined((MentionDialect)i) && !float.IsNaN(threshold))
                    {
                        dialectThresholds[(MentionDialect)i] = threshold;
                    }
                }

                dialects = ReadDialects(reader);
            }

            var weights = new float[features.Dimension];
            var nonZero = reader.ReadInt32();
            var index = -1;
            for (var i = 0; i < nonZero; i++)
            {
                index += reader.Read7BitEncodedInt();
                weights[index] = reader.ReadSingle();
            }

            return new NegativityModel(features, weights, bias, thresholds, defaultThreshold, dialectThresholds, dialects);
        }
        catch (Exception e) when (e is EndOfStreamException or IndexOutOfRangeException or FormatException)
        {
            throw new InvalidDataException("the negativity model file is truncated or corrupt", e);
        }
    }

    /// <summary>Log-likelihoods as half floats: the identifier needs their order, not their last digits, and the file halves.</summary>
    private static void WriteDialects(BinaryWriter writer, DialectIdentifier? dialects)
    {
        writer.Write(dialects is not null);
        if (dialects is null)
        {
            return;
        }

        writer.Write(dialects.HashBits);
        writer.Write(dialects.Classes.Count);
        foreach (var c in dialects.Classes)
        {
            writer.Write((int)c.Dialect);
            writer.Write((int)c.Language);
            writer.Write(c.LogPrior);
        }

        foreach (var value in dialects.LogLikelihood)
        {
            writer.Write((Half)value);
        }
    }

    private static DialectIdentifier? ReadDialects(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var hashBits = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (hashBits is < 8 or > 20 || count is < 1 or > 32)
        {
            throw new InvalidDataException($"implausible dialect identifier: 2^{hashBits} slots, {count} dialects");
        }

        var classes = new DialectClass[count];
        for (var k = 0; k < count; k++)
        {
            classes[k] = new DialectClass((MentionDialect)reader.ReadInt32(), (MentionLanguage)reader.ReadInt32(), reader.ReadSingle());
        }

        var logLikelihood = new float[(1 << hashBits) * count];
        for (var i = 0; i < logLikelihood.Length; i++)
        {
            logLikelihood[i] = (float)reader.ReadHalf();
        }

        return new DialectIdentifier(hashBits, classes, logLikelihood);
    }
}
