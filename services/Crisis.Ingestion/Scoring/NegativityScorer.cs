namespace Crisis.Ingestion.Scoring;

/// <summary>
/// Scores mentions with the negativity model. Thread-safe and lock-free: the model is immutable and every
/// call works on its own buffers, so a single instance (a singleton in DI) serves all of ingestion.
/// </summary>
public sealed class NegativityScorer : INegativityScorer
{
    /// <summary>Name of the model embedded in this assembly, built by `crisis train-negativity`.</summary>
    public const string ShippedModelResource = "Crisis.Ingestion.Scoring.negativity-model.bin";

    private static readonly Lazy<NegativityScorer> Shipped = new(() => new NegativityScorer(LoadShippedModel()));
    private readonly MentionFeaturizer featurizer;

    public NegativityScorer(NegativityModel model)
    {
        Model = model;
        featurizer = new MentionFeaturizer(model.Features);
    }

    public NegativityModel Model { get; }

    /// <summary>The scorer over the model shipped in this assembly, loaded once per process.</summary>
    public static NegativityScorer Default => Shipped.Value;

    public static NegativityScorer FromFile(string path)
    {
        using var stream = File.OpenRead(path);
        return new NegativityScorer(NegativityModel.Load(stream));
    }

    public NegativityScore Score(string? text)
    {
        var mention = TextNormalizer.Normalize(text);
        var language = LanguageIdentifier.Identify(mention);
        if (!mention.HasWords)
        {
            return NegativityScore.NothingToScore(language);
        }

        var probability = Model.Probability(featurizer.Featurize(mention, language));
        return new NegativityScore(language, probability, probability >= Model.ThresholdFor(language), Unscorable: false);
    }

    private static NegativityModel LoadShippedModel()
    {
        using var stream = typeof(NegativityScorer).Assembly.GetManifestResourceStream(ShippedModelResource)
            ?? throw new InvalidOperationException($"the assembly has no embedded resource {ShippedModelResource}");
        return NegativityModel.Load(stream);
    }
}
