using Crisis.CrisisCell.Incidents.Summaries;
using Marten;

namespace Crisis.CrisisCell.Incidents.Opening;

/// <summary>
/// A brand's incidents as the summaries show them, and what a new page or a hand-opened incident must know about
/// them: which stream an episode's page goes to, and which closed incident a new one follows.
/// </summary>
public sealed class BrandIncidents(IReadOnlyList<IncidentSummary> incidents)
{
    public static async Task<BrandIncidents> LoadAsync(IQuerySession session, string brandId, CancellationToken ct) =>
        new(await session.Query<IncidentSummary>().Where(s => s.BrandId == brandId).ToListAsync(ct));

    /// <summary>The brand's most recently closed incident: a new incident links to it.</summary>
    public string? LastClosedIncidentId =>
        incidents.Where(i => i.Status == IncidentStatus.Closed).MaxBy(i => i.ClosedAt)?.IncidentId;

    /// <summary>The incident that already recorded this page, if any (a redelivery, even after that incident closed).</summary>
    public string? Recorded(string episodeId, string escalationId) =>
        incidents.FirstOrDefault(i => i.EpisodeId == episodeId && i.EscalationIds.Contains(escalationId))?.IncidentId;

    /// <summary>The episode's live incident, or the id its next incident will take.</summary>
    public string IncidentFor(string brandId, string episodeId)
    {
        var ofEpisode = incidents.Where(i => i.EpisodeId == episodeId).ToList();
        return ofEpisode.FirstOrDefault(i => i.Status != IncidentStatus.Closed)?.IncidentId
            ?? IncidentIds.ForEpisode(brandId, episodeId, ofEpisode.Count);
    }
}
