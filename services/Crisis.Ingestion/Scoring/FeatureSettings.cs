namespace Crisis.Ingestion.Scoring;

/// <summary>How a mention becomes a feature vector; stored in the model file so scoring matches training.</summary>
/// <param name="HashBits">The vector has 2^HashBits slots; n-grams are hashed into them (no vocabulary to ship).</param>
/// <param name="MaxWordNgram">Word n-grams from 1 to this length.</param>
/// <param name="MinCharNgram">Shortest character n-gram, read across the whole normalised text.</param>
/// <param name="MaxCharNgram">Longest character n-gram.</param>
/// <param name="PerLanguageCopies">
/// Every feature also gets a copy tied to the identified language, so one linear model holds a shared
/// part and a per-language part ("frustratingly easy domain adaptation", Daumé 2007).
/// </param>
public sealed record FeatureSettings(int HashBits, int MaxWordNgram, int MinCharNgram, int MaxCharNgram, bool PerLanguageCopies)
{
    public int Dimension => 1 << HashBits;
}

/// <summary>A sparse, L2-normalised feature vector: sorted distinct slot indices and their values.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values);
