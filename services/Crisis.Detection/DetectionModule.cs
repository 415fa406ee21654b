using Crisis.Detection.Buzz;
using Crisis.Detection.Monitoring;
using Crisis.Detection.Projecting;
using Crisis.Detection.Publishing;
using Crisis.Detection.Querying;
using Crisis.Detection.Replaying;
using Crisis.PersonalData;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crisis.Detection;

/// <summary>Everything the detection service registers: its events, projections, subscriptions and endpoints.</summary>
public static class DetectionModule
{
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddDetection(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IConfiguration configuration)
    {
        marten.Services.AddMonitorOptions(configuration);
        marten.Services.AddPersonalData();
        marten.Services.AddSingleton<Replaying.StoredDetectionEvents>();
        marten.Services.AddSingleton(sp => new Replaying.DetectionReplays(
            sp.GetRequiredService<Replaying.StoredDetectionEvents>(), sp.GetRequiredService<IOptions<MonitorOptions>>().Value));
        marten.Services.ConfigureMarten((sp, store) => ConfigureStore(store, sp.GetRequiredService<IOptions<MonitorOptions>>().Value));
        return marten;
    }

    /// <summary>Publishing buzz decisions to the bus: only where a bus exists (the host, not the command line).</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddDetectionPublishing(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.AddSubscriptionWithServices<BuzzPublisher>(ServiceLifetime.Singleton);

    public static void ConfigureStore(StoreOptions store, MonitorOptions options)
    {
        store.Events.MapEventType<BuzzMonitoringStarted>("buzz_monitoring_started");
        store.Events.MapEventType<BuzzPhaseChanged>("buzz_phase_changed");
        store.Events.MapEventType<BuzzEscalated>("buzz_escalated");
        store.Events.MapEventType<PositiveSpikeObserved>("positive_spike_observed");
        store.Events.MapEventType<AlertSuppressedByCampaign>("alert_suppressed_by_campaign");
        store.Events.MapEventType<BuzzSubsided>("buzz_subsided");
        store.Events.MapEventType<LateMentionsSetAside>("late_mentions_set_aside");
        // Async: buzz events are appended by the detection subscription, so their read model follows in the daemon.
        store.Projections.Add<BuzzStateProjection>(ProjectionLifecycle.Async);
        store.Schema.For<BrandMonitorState>().Identity(s => s.Id);
        store.Schema.For<DetectionCheckpoint>().Identity(c => c.Id);
        store.Events.Subscribe(new DetectionSubscription(options));
    }

    public static IEndpointRouteBuilder MapDetection(this IEndpointRouteBuilder app)
    {
        app.MapBuzzQueries();
        app.MapReplays();
        return app;
    }
}
