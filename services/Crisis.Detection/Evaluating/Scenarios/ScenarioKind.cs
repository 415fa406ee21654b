namespace Crisis.Detection.Evaluating.Scenarios;

/// <summary>What one generated brand stream holds besides its ordinary chatter.</summary>
public enum ScenarioKind
{
    /// <summary>Ordinary chatter only: every page is a false alarm.</summary>
    Calm,

    /// <summary>A negative post of a high-reach author, then a self-exciting cascade of replies, quotes and shares.</summary>
    Cascade,

    /// <summary>The negative share (and, a little, the volume) ramps up over hours.</summary>
    SlowBurn,

    /// <summary>An undeclared positive campaign: a high-reach post, then a mostly positive burst decaying within the hour.</summary>
    Campaign,

    /// <summary>A reach-free volume spike (a trending hashtag) at the brand's ordinary negative share.</summary>
    TrendingSpike,

    /// <summary>A cascade on a brand watched for less than a day.</summary>
    NewBrandCascade,

    /// <summary>A brand watched for less than a day, with ordinary chatter only.</summary>
    NewBrandCalm,
}

public static class ScenarioKinds
{
    /// <summary>Every kind, in the order seeds cycle through them (seed modulo the count), so any run of consecutive seeds is balanced.</summary>
    public static readonly ScenarioKind[] All = Enum.GetValues<ScenarioKind>();

    /// <summary>Kinds whose event is a bad buzz the cell must be paged for.</summary>
    public static bool MustPage(this ScenarioKind kind) => kind is ScenarioKind.Cascade or ScenarioKind.SlowBurn or ScenarioKind.NewBrandCascade;

    /// <summary>Kinds whose event must page nobody (a page inside its window is a campaign or spike page).</summary>
    public static bool MustNotPage(this ScenarioKind kind) => kind is ScenarioKind.Campaign or ScenarioKind.TrendingSpike;
}
