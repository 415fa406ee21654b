namespace Crisis.Detection.Detecting;

/// <summary>Which tail of a distribution counts as anomalous.</summary>
public enum AnomalySide
{
    /// <summary>Unusually high values (a spike): the only side a bad buzz lives on.</summary>
    Upper = 0,
    /// <summary>Unusually low values (a dip, e.g. a dead feed).</summary>
    Lower = 1,
    /// <summary>Both tails.</summary>
    TwoSided = 2,
}
