using System.ComponentModel.DataAnnotations;

namespace Crisis.Reporting.Measuring;

/// <summary>The windows the KPIs are measured over. Bound from <c>Reporting</c>; documented in docs/kpis.md.</summary>
public sealed record KpiOptions : IValidatableObject
{
    public const string Section = "Reporting";

    /// <summary>Negative share is compared over this long before and after each public response. Default 30 minutes.</summary>
    public TimeSpan ResponseWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The pre-onset level is the mean volume per bucket over this long before the onset. Default 60 minutes.</summary>
    public TimeSpan BaselineWindow { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>
    /// The curve is back to baseline when the mean volume of this many consecutive buckets is at or under the
    /// pre-onset level: one quiet bucket in the middle of a buzz is noise, not a return. Default 3.
    /// </summary>
    public int BaselineHoldBuckets { get; init; } = 3;

    /// <summary>A bucket's negative share counts for the peak only with at least this many scored mentions (1 of 1 is not a peak). Default 5.</summary>
    public int MinimumScoredForPeakShare { get; init; } = 5;

    /// <summary>Ways the options can be wrong, by option name; empty when they are usable.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ResponseWindow <= TimeSpan.Zero || ResponseWindow > TimeSpan.FromDays(1)) problems[nameof(ResponseWindow)] = "must be between 1 minute and 1 day";
        if (BaselineWindow <= TimeSpan.Zero || BaselineWindow > TimeSpan.FromDays(7)) problems[nameof(BaselineWindow)] = "must be between 1 minute and 7 days";
        if (BaselineHoldBuckets < 1) problems[nameof(BaselineHoldBuckets)] = "must be at least 1";
        if (MinimumScoredForPeakShare < 1) problems[nameof(MinimumScoredForPeakShare)] = "must be at least 1";
        return problems;
    }

    /// <summary>Checked when the host starts (<c>ValidateOnStart</c>): each problem names its setting.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Problems().Select(p => new ValidationResult($"{Section}:{p.Key} {p.Value}", [p.Key]));
}
