using Crisis.CrisisCell.Configuring;
using Crisis.CrisisCell.Incidents.QuotingPosts;
using Crisis.CrisisCell.Incidents.Summaries;
using Crisis.Ingestion.Brands;
using Crisis.ServiceDefaults.EventSourcing;
using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Contract = Crisis.Contracts.Buzz;

namespace Crisis.CrisisCell.Incidents.Opening;

/// <summary>
/// The detector paged: open the episode's incident or record the page on it. At-least-once delivery is fine: a
/// page already recorded decides nothing. An episode's pages (its start, a later escalation, a redelivery) may be
/// consumed at the same moment and target the same derived stream: the store lets one start it, and the other,
/// having lost that race, is decided again once on the fresh state (an expected outcome, not a failure).
/// </summary>
public sealed partial class BuzzEscalatedConsumer(
    IDocumentStore store, BrandCrisisSettings settings, IOptions<LatePageOptions> latePages, QuotedPosts quotedPosts, TimeProvider clock,
    ILogger<BuzzEscalatedConsumer> logger)
    : IConsumer<Contract.BuzzEscalated>
{
    public async Task Consume(ConsumeContext<Contract.BuzzEscalated> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        // A child of MassTransit's consume span, itself in the detection decision's trace; the incident events carry it.
        using var activity = CrisisCellTelemetry.Source.StartActivity("incident.open-from-buzz");
        activity?.SetTag("crisis.escalation", message.EscalationId);
        BrandProfile brand;
        await using (var query = store.QuerySession())
        {
            brand = await query.LoadAsync<BrandProfile>(BrandStreams.KeyFor(message.BrandId), ct)
                ?? throw new BrandNotRegisteredException(message.BrandId);
        }
        // The incident's events quote posts by reference: handles and words quoted in the page are kept apart first.
        message = await quotedPosts.KeepApartAsync(message, brand.OrganisationId, ct);

        try
        {
            await RecordAsync(message, brand, ct);
        }
        catch (Exception e) when (LostStartRace(e))
        {
            // Another page of the episode wrote the stream first; what it wrote may make this page a mere update.
            LogRaceLost(logger, message.EscalationId, message.EpisodeId);
            await RecordAsync(message, brand, ct);
        }
    }

    /// <summary>Routes the page to its incident and decides, in a fresh session, on the brand's incidents as they are now.</summary>
    private async Task RecordAsync(Contract.BuzzEscalated message, BrandProfile brand, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        // Marten logs a failed save as an error; a lost start race is not one (it is decided again below).
        session.Logger = new StartRaceSessionLogger(session.Logger, logger);
        var incidents = await BrandIncidents.LoadAsync(session, message.BrandId, ct);
        if (incidents.Recorded(message.EpisodeId, message.EscalationId) is { } recordedOn)
        {
            LogAlreadyRecorded(logger, message.EscalationId, recordedOn);
            return;
        }

        foreach (var incidentId in incidents.Candidates(message.BrandId, message.EpisodeId))
        {
            var command = BuzzEscalatedMapping.ToCommand(message, incidentId, brand.OrganisationId,
                settings.SeverityThresholdFor(message.BrandId), settings.PlaybookFor(brand.OrganisationId),
                incidents.LastClosedIncidentId, latePages.Value.Policy, clock.GetUtcNow()) with { BrandName = brand.Name };
            IReadOnlyList<IncidentEvent> events;
            long version;
            try
            {
                (events, version) = await session.HandleAsync(IncidentStreams.KeyFor(incidentId), IncidentDecider.Instance, command, expectedVersion: null, ct);
            }
            catch (DomainRefusalException)
            {
                // Refused before anything was appended. A stream of another brand or episode under a derived id can only
                // be one opened under a client-chosen id before ids became server-assigned (possibly by another
                // organisation, to squat it): the page steps over it, loudly. Any other refusal fails as before.
                if (!await IsForeignAsync(session, incidentId, message, ct)) throw;
                LogForeignStream(logger, message.EscalationId, message.BrandId, incidentId);
                continue;
            }
            LogHandled(logger, message.EscalationId, message.BrandId, message.Severity, incidentId, events.Count, version);
            if (events.OfType<IncidentOpened>().FirstOrDefault() is { Late: true } opened)
                LogOpenedLate(logger, incidentId, message.EscalationId, opened.DetectedAt, opened.OpenedAt, opened.Quiet);
            return;
        }
        throw new IncidentIdsExhaustedException(message.BrandId, message.EpisodeId);
    }

    /// <summary>Whether the stream under a candidate id belongs to another brand or episode (looked up only once refused).</summary>
    private static async Task<bool> IsForeignAsync(IQuerySession session, string incidentId, Contract.BuzzEscalated message, CancellationToken ct) =>
        await session.LoadAsync<IncidentSummary>(IncidentStreams.KeyFor(incidentId), ct) is { } found
        && (found.BrandId != message.BrandId || found.EpisodeId != message.EpisodeId);

    /// <summary>
    /// Two writers appended to one incident stream at once: Marten's version check (a concurrency exception), or, when
    /// both started the stream, PostgreSQL's unique keys on the stream or its first event. Marten wraps the latter, so
    /// the chain is searched.
    /// </summary>
    internal static bool LostStartRace(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException) return true;
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pk_mt_events_stream_and_version" or "pkey_mt_streams_id" })
                return true;
            // Quick append's own check: a stream started (expected version 0) that already has events.
            if (e is PostgresException { SqlState: "MT003" }) return true;
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Buzz page {EscalationId} of brand {BrandId}: incident id {IncidentId} is held by a stream of another brand or episode; trying the next")]
    private static partial void LogForeignStream(ILogger logger, string escalationId, string brandId, string incidentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Buzz page {EscalationId} already recorded on incident {IncidentId}")]
    private static partial void LogAlreadyRecorded(ILogger logger, string escalationId, string incidentId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Buzz page {EscalationId} of brand {BrandId} (severity {Severity}) on incident {IncidentId}: {EventCount} events, version {Version}")]
    private static partial void LogHandled(ILogger logger, string escalationId, string brandId, int severity, string incidentId, int eventCount, long version);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Buzz page {EscalationId} of episode {EpisodeId} met another page of the episode on its incident stream; deciding it again on the fresh state")]
    private static partial void LogRaceLost(ILogger logger, string escalationId, string episodeId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Incident {IncidentId} opened late from page {EscalationId}: detected {DetectedAt:O}, received {OpenedAt:O}; deadlines count from receipt, quiet: {Quiet}")]
    private static partial void LogOpenedLate(ILogger logger, string incidentId, string escalationId, DateTimeOffset detectedAt, DateTimeOffset openedAt, bool quiet);
}

/// <summary>Every id the episode's next incident could take is held by a foreign stream: to the error queue, visibly.</summary>
public sealed class IncidentIdsExhaustedException(string brandId, string episodeId)
    : Exception($"no free incident id for episode '{episodeId}' of brand '{brandId}': {BrandIncidents.MaxCandidates} ids are held by other streams")
{
    public string BrandId { get; } = brandId;
}

/// <summary>A page for a brand the store does not know: retrying cannot help, so it goes to the error queue at once.</summary>
public sealed class BrandNotRegisteredException(string brandId)
    : Exception($"brand '{brandId}' is not registered: no organisation, so no playbook for its incident")
{
    public string BrandId { get; } = brandId;
}
