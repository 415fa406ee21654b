namespace Crisis.Cli.Desk;

/// <summary>The desk's API routes (docs/response-desk.md), with their query strings escaped.</summary>
public static class DeskPaths
{
    /// <summary>The queue's page size and deepest offset, as the host allows them.</summary>
    public const int MaxLimit = 200;
    public const int MaxOffset = 10_000;

    public static string Queue(string? brand, string? incident, string? language, bool unclaimed, int limit, int offset = 0)
    {
        var query = new List<string> { $"limit={limit}" };
        if (offset > 0) query.Add($"offset={offset}");
        if (brand is not null) query.Add("brandId=" + Uri.EscapeDataString(brand));
        if (incident is not null) query.Add("incidentId=" + Uri.EscapeDataString(incident));
        if (language is not null) query.Add("language=" + Uri.EscapeDataString(language));
        if (unclaimed) query.Add("claim=Unclaimed");
        return "/api/desk/queue?" + string.Join('&', query);
    }

    public static string Conversation(string id) => "/api/desk/conversations/" + Uri.EscapeDataString(id);

    public static string Kpis(string? brand, string? incident) =>
        "/api/desk/kpis" + (brand is null && incident is null ? "" : "?" + string.Join('&',
            new[] { brand is null ? null : "brandId=" + Uri.EscapeDataString(brand), incident is null ? null : "incidentId=" + Uri.EscapeDataString(incident) }
                .Where(q => q is not null)));
}
