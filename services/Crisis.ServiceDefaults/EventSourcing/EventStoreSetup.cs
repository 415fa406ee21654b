using JasperFx;
using JasperFx.Events;
using Marten;
using Crisis.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Core;

namespace Crisis.ServiceDefaults.EventSourcing;

/// <summary>Store settings, from the <c>EventStore</c> configuration section and <c>ConnectionStrings:Crisis</c>.</summary>
public sealed class EventStoreSettings
{
    public const string Section = "EventStore";

    /// <summary>PostgreSQL schema for every table of the store. Tests give each run its own.</summary>
    public string Schema { get; set; } = "crisis";

    /// <summary>
    /// Create or update the schema at start-up. On for development and tests; off in production, where
    /// <c>crisis db migrate</c> applies changes deliberately.
    /// </summary>
    public bool ApplySchemaOnStartup { get; set; }
}

public static class EventStoreSetup
{
    /// <summary>
    /// The one Marten store every module shares. Modules add their events, projections and tables with
    /// <c>services.ConfigureMarten(...)</c>, so the store stays behind the module boundaries.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddCrisisEventStore(
        this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Crisis")
            ?? throw new InvalidOperationException("ConnectionStrings:Crisis is not configured (see ops/config/appsettings.example.json)");
        var settings = configuration.GetSection(EventStoreSettings.Section).Get<EventStoreSettings>() ?? new EventStoreSettings();
        services.AddSingleton(settings);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());

        var marten = services.AddMarten(options =>
            {
                options.DatabaseSchemaName = settings.Schema;
                options.Events.DatabaseSchemaName = settings.Schema;
                options.Events.StreamIdentity = StreamIdentity.AsString;
                // Nulls are left out: mention events carry many optional fields, and every byte is parsed by PostgreSQL.
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
                    json => json.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
                options.AutoCreateSchemaObjects = settings.ApplySchemaOnStartup ? AutoCreate.CreateOrUpdate : AutoCreate.None;
                // Who appended each command event, in which request and for which organisation: the audit view reads them.
                options.Events.MetadataConfig.UserNameEnabled = true;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                // Trace context travels in event headers (traceparent), from the intake to the notification.
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Listeners.Add(new TraceContextOnEvents());
            })
            .UseNpgsqlDataSource()
            // Lightweight sessions, stamped with the request's caller and correlation id when there is one.
            .BuildSessionsWith<Security.Auditing.RequestSessionFactory>();
        services.AddHttpContextAccessor();
        // API keys live in the store too, so that 'crisis db migrate' creates their tables like every module's.
        services.ConfigureMarten(Security.ApiKeys.ApiKeyStore.Configure);
        if (settings.ApplySchemaOnStartup) marten.ApplyAllDatabaseChangesOnStartup();
        return marten;
    }
}
