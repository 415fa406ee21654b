using System.ComponentModel.DataAnnotations;

namespace Crisis.Ingestion.Scoring;

/// <summary>Negativity scoring at intake, from the <c>Ingestion:Scoring</c> configuration section.</summary>
public sealed class ScoringSettings : IValidatableObject
{
    public const string Section = "Ingestion:Scoring";

    /// <summary>Score every mention at intake. Default on; off stores mentions unscored (the detector then uses volume alone).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A model file made by <c>crisis train-negativity</c>; default: the model shipped next to the assembly.</summary>
    public string? ModelPath { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A model path that names no file stops the start, not the first mention an hour later.
        if (Enabled && ModelPath is { } path && !File.Exists(path))
            yield return new($"{Section}:ModelPath '{path}' is not a file; train one with 'crisis train-negativity' or remove the setting to use the shipped model", [nameof(ModelPath)]);
    }
}
