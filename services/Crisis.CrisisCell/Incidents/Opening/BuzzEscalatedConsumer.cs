using Crisis.CrisisCell.Configuring;
using Crisis.CrisisCell.Incidents.QuotingPosts;
using Crisis.Ingestion.Brands;
using Crisis.ServiceDefaults.EventSourcing;
using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using Contract = Crisis.Contracts.Buzz;

namespace Crisis.CrisisCell.Incidents.Opening;

/// <summary>
/// The detector paged: open the episode's incident or record the page on it. At-least-once delivery is fine: a
/// page already recorded decides nothing, and two concurrent deliveries target the same derived stream, where the
/// version check lets one win and the retry of the other finds the page recorded.
/// </summary>
public sealed partial class BuzzEscalatedConsumer(
    IDocumentStore store, BrandCrisisSettings settings, QuotedPosts quotedPosts, TimeProvider clock, ILogger<BuzzEscalatedConsumer> logger)
    : IConsumer<Contract.BuzzEscalated>
{
    public async Task Consume(ConsumeContext<Contract.BuzzEscalated> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        // A child of MassTransit's consume span, itself in the detection decision's trace; the incident events carry it.
        using var activity = CrisisCellTelemetry.Source.StartActivity("incident.open-from-buzz");
        activity?.SetTag("crisis.escalation", message.EscalationId);
        await using var session = store.LightweightSession();
        var brand = await session.LoadAsync<BrandProfile>(BrandStreams.KeyFor(message.BrandId), ct)
            ?? throw new BrandNotRegisteredException(message.BrandId);

        var incidents = await BrandIncidents.LoadAsync(session, message.BrandId, ct);
        if (incidents.Recorded(message.EpisodeId, message.EscalationId) is { } recordedOn)
        {
            LogAlreadyRecorded(logger, message.EscalationId, recordedOn);
            return;
        }

        var incidentId = incidents.IncidentFor(message.BrandId, message.EpisodeId);
        // The incident's events quote posts by reference: handles and words quoted in the page are kept apart first.
        message = await quotedPosts.KeepApartAsync(message, brand.OrganisationId, ct);
        var command = BuzzEscalatedMapping.ToCommand(message, incidentId, brand.OrganisationId,
            settings.SeverityThresholdFor(message.BrandId), settings.PlaybookFor(brand.OrganisationId),
            incidents.LastClosedIncidentId, clock.GetUtcNow());
        var (events, version) = await session.HandleAsync(IncidentStreams.KeyFor(incidentId), IncidentDecider.Instance, command, expectedVersion: null, ct);
        LogHandled(logger, message.EscalationId, message.BrandId, message.Severity, incidentId, events.Count, version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Buzz page {EscalationId} already recorded on incident {IncidentId}")]
    private static partial void LogAlreadyRecorded(ILogger logger, string escalationId, string incidentId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Buzz page {EscalationId} of brand {BrandId} (severity {Severity}) on incident {IncidentId}: {EventCount} events, version {Version}")]
    private static partial void LogHandled(ILogger logger, string escalationId, string brandId, int severity, string incidentId, int eventCount, long version);
}

/// <summary>A page for a brand the store does not know: retrying cannot help, so it goes to the error queue at once.</summary>
public sealed class BrandNotRegisteredException(string brandId)
    : Exception($"brand '{brandId}' is not registered: no organisation, so no playbook for its incident")
{
    public string BrandId { get; } = brandId;
}
