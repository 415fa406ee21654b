namespace Crisis.Ingestion.Scoring;

/// <summary>
/// Scores mentions with the negativity model. Thread-safe and lock-free: the model is immutable and every
/// call works on its own buffers, so a single instance (a singleton in DI) serves all of ingestion.
/// </summary>
public sealed class NegativityScorer : INegativityScorer
{
    /// <summary>File name of the shipped model, copied next to the assembly; built by `crisis train-negativity`.</summary>
    public const string ShippedModelFileName = "negativity-model.bin";

    private static readonly Lazy<NegativityScorer> Shipped = new(() => new NegativityScorer(LoadShippedModel()));
    private readonly MentionFeaturizer featurizer;

    public NegativityScorer(NegativityModel model)
    {
        Model = model;
        featurizer = new MentionFeaturizer(model.Features);
    }

    public NegativityModel Model { get; }

    /// <summary>The scorer over the model shipped next to this assembly, loaded once per process on first use.</summary>
    public static NegativityScorer Default => Shipped.Value;

    /// <summary>Loads a model file; one that is not a model (truncated, another format) is an InvalidDataException naming the file.</summary>
    public static NegativityScorer FromFile(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return new NegativityScorer(NegativityModel.Load(stream));
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            throw new InvalidDataException($"{path} is not a negativity model written by 'crisis train-negativity' ({e.GetType().Name}: {e.Message})", e);
        }
    }

    public NegativityScore Score(string? text)
    {
        var mention = TextNormalizer.Normalize(text);
        var language = LanguageIdentifier.Identify(mention);
        if (!mention.HasWords)
        {
            return SymbolPolarity.Score(mention, language) ?? NegativityScore.NothingToScore(language);
        }

        var features = featurizer.Collect(mention, language);
        var probability = Model.Probability(features);
        return new NegativityScore(language, probability, probability >= Model.ThresholdFor(language), Unscorable: false);
    }

    private static NegativityModel LoadShippedModel()
    {
        var path = Path.Combine(AppContext.BaseDirectory, ShippedModelFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the negativity model {ShippedModelFileName} is missing next to the application; it ships with Crisis.Ingestion", path);
        }

        using var stream = File.OpenRead(path);
        return NegativityModel.Load(stream);
    }
}
