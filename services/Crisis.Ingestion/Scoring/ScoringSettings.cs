namespace Crisis.Ingestion.Scoring;

/// <summary>Negativity scoring at intake, from the <c>Ingestion:Scoring</c> configuration section.</summary>
public sealed class ScoringSettings
{
    public const string Section = "Ingestion:Scoring";

    /// <summary>Score every mention at intake. Default on; off stores mentions unscored (the detector then uses volume alone).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A model file made by <c>crisis train-negativity</c>; default: the model shipped next to the assembly.</summary>
    public string? ModelPath { get; set; }
}
