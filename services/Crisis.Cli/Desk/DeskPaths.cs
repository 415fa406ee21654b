namespace Crisis.Cli.Desk;

/// <summary>The desk's API routes (docs/response-desk.md), with their query strings escaped.</summary>
public static class DeskPaths
{
    /// <summary>The queue's page size and deepest offset, as the host allows them.</summary>
    public const int MaxLimit = 200;
    public const int MaxOffset = 10_000;

    public static string Queue(string? brand, string? incident, string? language, bool unclaimed, int limit, int offset = 0) =>
        "/api/desk/queue" + Query(("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("offset", offset > 0 ? offset.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
            ("brandId", brand), ("incidentId", incident), ("language", language), ("claim", unclaimed ? "Unclaimed" : null));

    public static string Conversation(string id) => "/api/desk/conversations/" + Uri.EscapeDataString(id);

    public static string Kpis(string? brand, string? incident) => "/api/desk/kpis" + Query(("brandId", brand), ("incidentId", incident));

    /// <summary>"?a=1&amp;b=2" of the parameters that have a value, escaped; empty when none has.</summary>
    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)).ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
