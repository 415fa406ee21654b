namespace Crisis.Ingestion.Scoring;

/// <summary>
/// The Arabic variety of a mention identified as <see cref="MentionLanguage.Arabic"/> or
/// <see cref="MentionLanguage.Arabizi"/>, as far as the training corpus tells them apart (its lang_bucket
/// column; for Arabizi, its source: Moroccan AfriSenti or Tunisian TSAC). Scoring uses it for per-dialect
/// feature copies and thresholds; the language stays what the detector reads.
/// </summary>
public enum MentionDialect
{
    None = 0,
    Msa = 1,
    Egyptian = 2,
    Gulf = 3,
    Levantine = 4,
    /// <summary>Jordanian (a Levantine variety, kept apart because its corpus, AJGT, differs in style and base rate).</summary>
    Jordanian = 5,
    Algerian = 6,
    Moroccan = 7,
    Tunisian = 8,
}
