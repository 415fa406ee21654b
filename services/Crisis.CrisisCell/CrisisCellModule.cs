using Crisis.CrisisCell.Configuring;
using Crisis.CrisisCell.Desk;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Acknowledging;
using Crisis.CrisisCell.Incidents.ApprovingStatements;
using Crisis.CrisisCell.Incidents.AssigningRoles;
using Crisis.CrisisCell.Incidents.CheckingDeadlines;
using Crisis.CrisisCell.Incidents.Closing;
using Crisis.CrisisCell.Incidents.Deciding;
using Crisis.CrisisCell.Incidents.Escalating;
using Crisis.CrisisCell.Incidents.Monitoring;
using Crisis.CrisisCell.Incidents.Noting;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.RecordingResponses;
using Crisis.CrisisCell.Incidents.Reopening;
using Crisis.CrisisCell.Incidents.Resolving;
using Crisis.CrisisCell.Incidents.Summaries;
using Crisis.CrisisCell.Incidents.Timelines;
using Crisis.CrisisCell.Incidents.WalkingThePlaybook;
using Crisis.CrisisCell.Notifying;
using Crisis.PersonalData;
using Crisis.ServiceDefaults.EventSourcing;
using JasperFx.Events.Projections;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Crisis.ServiceDefaults.Settings;

namespace Crisis.CrisisCell;

/// <summary>Everything the crisis cell registers: its store schema, settings, endpoints, consumers and timer.</summary>
public static class CrisisCellModule
{
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddCrisisCell(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IConfiguration configuration)
    {
        marten.Services.AddValidatedSettings<CrisisCellSettings>(configuration, CrisisCellSettings.Section);
        marten.Services.AddPersonalData();
        marten.Services.AddLatePageOptions(configuration);
        marten.Services.AddSingleton<BrandCrisisSettings>();
        marten.Services.AddSingleton<Incidents.QuotingPosts.QuotedPosts>();
        marten.Services.TryAddSingleton(TimeProvider.System);
        marten.Services.ConfigureMarten(ConfigureStore);
        marten.AddDesk(configuration);
        return marten;
    }

    /// <summary>Late pages' settings, validated when the host starts: a horizon of zero would make every page late.</summary>
    public static IServiceCollection AddLatePageOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LatePageOptions>()
            .Bind(configuration.GetSection(CrisisCellSettings.Section))
            .Validate(o => o.LatePageHorizon > TimeSpan.Zero, $"{CrisisCellSettings.Section}:LatePageHorizon must be a positive duration, e.g. 00:30:00")
            .ValidateOnStart();
        return services;
    }

    public static void ConfigureStore(StoreOptions options)
    {
        // Stable names: renaming a CLR type must never orphan stored events.
        foreach (var (type, name) in IncidentEventNames.ByType) options.Events.MapEventType(type, name);
        options.Projections.Add(
            new DeciderProjection<IncidentState, IncidentEvent>(IncidentDecider.Evolve, IncidentDecider.Instance.Initial), ProjectionLifecycle.Live);
        // Paging: one stream per delivery (its start is the claim) and the durable timeout table.
        foreach (var (type, name) in Notifying.Delivering.DeliveryEventNames.ByType) options.Events.MapEventType(type, name);
        options.Projections.Add(
            new DeciderProjection<Notifying.Delivering.DeliveryState, Notifying.Delivering.DeliveryEvent>(
                Notifying.Delivering.DeliveryDecider.Evolve, Notifying.Delivering.DeliveryDecider.Instance.Initial), ProjectionLifecycle.Live);
        Notifying.Planning.PagingTimeouts.Configure(options);
        Desk.KeepingServiceLevels.ServiceLevelTimeouts.Configure(options);
        // Inline: the list, the deadline timer and the buzz consumer read them right after a command.
        options.Projections.Add(new IncidentSummaryProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new IncidentTimelineProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<IncidentSummary>().Identity(s => s.Id).Index(s => s.BrandId);
        options.Schema.For<IncidentTimeline>().Identity(t => t.Id);
        options.Schema.For<Incidents.Opening.IncidentOpeningKey>().Identity(k => k.Id);
        DeskModule.ConfigureStore(options);
    }

    /// <summary>The stage deadline timer and the open-incidents gauge's sampler: only on nodes that run the crisis cell.</summary>
    public static IServiceCollection AddCrisisCellTimers(this IServiceCollection services) =>
        services.AddHostedService<StageDeadlineTimer>().AddHostedService<OpenIncidentsGauge>().AddDeskTimers();

    public static void AddCrisisCellConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<BuzzEscalatedConsumer, BuzzEscalatedConsumerDefinition>();
        bus.AddNotificationConsumers();
    }

    public static IEndpointRouteBuilder MapCrisisCell(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents");
        incidents.MapIncidentQueries();
        incidents.MapIncidentTimeline();
        incidents.MapOpenIncident();
        incidents.MapAcknowledgeIncident();
        incidents.MapEscalateIncident();
        incidents.MapAssignRole();
        incidents.MapAdvanceStage();
        incidents.MapTickChecklistItem();
        incidents.MapRecordPublicResponse();
        incidents.MapRecordContentRemoval();
        incidents.MapStatements();
        incidents.MapAddNote();
        incidents.MapRecordDecision();
        incidents.MapStartMonitoring();
        incidents.MapResolveIncident();
        incidents.MapCloseIncident();
        incidents.MapReopenIncident();
        app.MapDesk();
        return app;
    }
}
