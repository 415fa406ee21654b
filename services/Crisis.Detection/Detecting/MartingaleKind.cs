namespace Crisis.Detection.Detecting;

/// <summary>Betting function turning a stream of p-values into a change-point martingale.</summary>
public enum MartingaleKind
{
    /// <summary>ε·p^(ε-1) with a fixed ε.</summary>
    Power = 0,
    /// <summary>The power martingale averaged over ε in [0,1]: (1/p - 1 + ln p) / (ln p)².</summary>
    Mixture = 1,
}
