using Crisis.CrisisCell.Notifying.Channels;
using Crisis.CrisisCell.Notifying.Configuring;
using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.CrisisCell.Notifying.Planning;
using Crisis.ServiceDefaults.EventSourcing;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Crisis.ServiceDefaults.Settings;

namespace Crisis.CrisisCell.Notifying;

/// <summary>On-call notifications: planning (in the async daemon), delivery and channels (on crisis-cell nodes).</summary>
public static class NotificationsModule
{
    /// <summary>
    /// The paging planner, a subscription of the async daemon: registered on every node of the host, like every
    /// subscription, since whichever node holds the daemon runs it. It needs the on-call files, so every node reads them.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddCrisisCellPaging(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IConfiguration configuration)
    {
        // Validated when the host starts, on-call files included: a broken file stops the host, not the first page.
        marten.Services.AddValidatedSettings<NotificationSettings>(configuration, NotificationSettings.Section);
        marten.Services.AddSingleton<OnCallDirectory>();
        marten.Services.TryAddSingleton(TimeProvider.System);
        marten.Services.AddSingleton<PagingPlanning>();
        // An incident's or a delivery's commit wakes the daemon at once: a page waits for no poll.
        marten.Services.WakeDaemonOnAppendsTo(Incidents.IncidentStreams.KeyFor(""), DeliveryStreams.KeyFor(""));
        return marten.AddSubscriptionWithServices<PagingPlanner>(ServiceLifetime.Singleton);
    }

    public static IServiceCollection AddCrisisCellNotifications(this IServiceCollection services)
    {
        services.AddSingleton<ChannelPipelines>();
        // The relay's pipeline and breaker are the relay's, whoever sends: pages and the desk's e-mail handovers share them.
        services.AddSingleton<SmtpRelay>();
        // Typed clients; the channel pipelines do the retrying, so no extra handler-level resilience here.
        services.AddHttpClient<WebhookChannel>();
        services.AddHttpClient<SlackChannel>();
        services.AddHttpClient<TeamsChannel>();
        services.AddTransient<INotificationChannel>(sp => sp.GetRequiredService<WebhookChannel>());
        services.AddTransient<INotificationChannel>(sp => sp.GetRequiredService<SlackChannel>());
        services.AddTransient<INotificationChannel>(sp => sp.GetRequiredService<TeamsChannel>());
        services.AddTransient<INotificationChannel, EmailChannel>();
        services.AddScoped<DeliverNotificationHandler>();
        // Time, durably: every crisis-cell node fires the paging timeouts that are due.
        services.AddHostedService<PagingTimeoutService>();
        return services;
    }

    public static void AddNotificationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<DeliverNotificationConsumer, DeliverNotificationConsumerDefinition>();
        bus.AddConsumer<DeliveryFaultConsumer, DeliveryFaultConsumerDefinition>();
    }
}
