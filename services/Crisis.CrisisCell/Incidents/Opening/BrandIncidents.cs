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
    public string IncidentFor(string brandId, string episodeId) => Candidates(brandId, episodeId).First();

    /// <summary>
    /// Where the episode's page may go, best first: its live incident, else the ids of its next generations. The
    /// consumer takes the first that is not another brand's or episode's stream: ids are server-assigned now, but a
    /// stream opened under a client-chosen id before that (an id another organisation may have squatted) must not stop
    /// the page from opening its own incident.
    /// </summary>
    public IEnumerable<string> Candidates(string brandId, string episodeId)
    {
        var ofEpisode = incidents.Where(i => i.EpisodeId == episodeId).ToList();
        if (ofEpisode.FirstOrDefault(i => i.Status != IncidentStatus.Closed)?.IncidentId is { } live)
        {
            yield return live;
            yield break;
        }
        // Generations already used by the episode (closed incidents) are passed over, wherever the count starts.
        var used = ofEpisode.Select(i => i.IncidentId).ToHashSet(StringComparer.Ordinal);
        var offered = 0;
        for (var generation = ofEpisode.Count; offered < MaxCandidates; generation++)
        {
            var id = IncidentIds.ForEpisode(brandId, episodeId, generation);
            if (used.Contains(id)) continue;
            offered++;
            yield return id;
        }
    }

    /// <summary>How many new ids a page tries, stepping over foreign streams, before it fails visibly to the error queue.</summary>
    public const int MaxCandidates = 16;
}
