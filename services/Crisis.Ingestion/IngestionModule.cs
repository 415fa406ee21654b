using Crisis.Ingestion.Brands;
using Crisis.Ingestion.Charting;
using Crisis.Ingestion.Brands.Registering;
using Crisis.Ingestion.ConsumingFromBus;
using Crisis.Ingestion.Mentions;
using Crisis.Ingestion.ReceivingOverHttp;
using Crisis.Ingestion.Recording;
using Crisis.Ingestion.Scoring;
using Crisis.PersonalData;
using Crisis.ServiceDefaults.EventSourcing;
using Crisis.ServiceDefaults.Settings;
using JasperFx.Events.Projections;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Crisis.Ingestion;

/// <summary>Everything the ingestion service registers: its store schema, its services, its endpoints and its consumers.</summary>
public static class IngestionModule
{
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        // Validated options, also registered as their values: the intake's classes take plain settings objects.
        services.AddValidatedSettings<IngestionLimits>(configuration, IngestionLimits.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IngestionLimits>>().Value);
        services.AddValidatedSettings<ConsumingFromBus.BusSenderSettings>(configuration, ConsumingFromBus.BusSenderSettings.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ConsumingFromBus.BusSenderSettings>>().Value);
        services.AddValidatedSettings<ScoringSettings>(configuration, ScoringSettings.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IngestionTelemetry>();
        services.AddSingleton<BrandDirectory>();
        services.AddPersonalData();
        services.AddSingleton<IPlatformNames, PlatformNames>();
        services.AddSingleton<MentionValidator>();
        // Loaded once, on first use, and shared: the scorer is thread-safe. Scoring off registers none, and mentions are
        // stored unscored (the detector then uses volume alone).
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ScoringSettings>>().Value is { Enabled: true } scoring
            ? new ScorerChoice(scoring.ModelPath is { } path ? NegativityScorer.FromFile(path) : NegativityScorer.Default)
            : new ScorerChoice(null));
        services.AddSingleton<INegativityScorer>(sp => sp.GetRequiredService<ScorerChoice>().Scorer!);
        services.AddSingleton(sp => new MentionScoring(sp.GetRequiredService<IngestionLimits>(), sp.GetRequiredService<ScorerChoice>().Scorer));
        services.AddSingleton<MentionPseudonymisation>();
        services.AddSingleton<MentionRecorder>();
        services.AddSingleton<Summarising.MentionSummary>();
        services.AddSingleton<Charting.BrandSeries>();
        services.ConfigureMarten(ConfigureStore);
        return services;
    }

    public static void ConfigureStore(StoreOptions options)
    {
        // Stable names: renaming a CLR type must never orphan stored events.
        options.Events.MapEventType<MentionsRecorded>("mentions_recorded");
        options.Events.MapEventType<BrandRegistered>("brand_registered");
        options.Events.MapEventType<CampaignWindowDeclared>("campaign_window_declared");
        options.Projections.Add(new DeciderProjection<BrandState, BrandEvent>(BrandDecider.Evolve, BrandDecider.Instance.Initial), ProjectionLifecycle.Live);
        options.Projections.Add<BrandProfileProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<BrandProfile>().Identity(b => b.Id);
        // Read models of the mentions, in tables of their own (docs/architecture.md): rebuild with 'crisis projections rebuild'.
        options.Projections.Add(new MentionMinutesProjection(options.DatabaseSchemaName), ProjectionLifecycle.Inline);
        options.Projections.Add(new Summarising.MentionTotalsProjection(options.DatabaseSchemaName), ProjectionLifecycle.Inline);
    }

    public static void AddIngestionConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<MentionObservedConsumer, MentionObservedConsumerDefinition>();

    public static IEndpointRouteBuilder MapIngestion(this IEndpointRouteBuilder app)
    {
        app.MapPostMentions();
        app.MapRegisterBrand();
        app.MapDeclareCampaign();
        return app;
    }

    /// <summary>Reads of the stored mentions (charts, KPIs): every node that serves the API maps them, ingesting or not.</summary>
    public static IEndpointRouteBuilder MapMentionReads(this IEndpointRouteBuilder app)
    {
        app.MapBrandSeries();
        return app;
    }
}

/// <summary>The scorer the settings chose, or none when scoring is off (resolved once, from the validated settings).</summary>
internal sealed record ScorerChoice(INegativityScorer? Scorer);
