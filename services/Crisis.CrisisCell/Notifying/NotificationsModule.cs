using Crisis.CrisisCell.Notifying.Channels;
using Crisis.CrisisCell.Notifying.Configuring;
using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.CrisisCell.Notifying.Planning;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crisis.CrisisCell.Notifying;

/// <summary>On-call notifications: planning, delivery and channels. Only on nodes that run the crisis cell.</summary>
public static class NotificationsModule
{
    public static IServiceCollection AddCrisisCellNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = NotificationSettings.Read(configuration);
        services.AddSingleton(settings);
        // Built here, not lazily: a broken on-call file stops the host at start-up.
        services.AddSingleton(new OnCallDirectory(settings));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChannelPipelines>();
        // Typed clients; the channel pipelines do the retrying, so no extra handler-level resilience here.
        services.AddHttpClient<WebhookChannel>();
        services.AddHttpClient<SlackChannel>();
        services.AddHttpClient<TeamsChannel>();
        services.AddTransient<INotificationChannel>(sp => sp.GetRequiredService<WebhookChannel>());
        services.AddTransient<INotificationChannel>(sp => sp.GetRequiredService<SlackChannel>());
        services.AddTransient<INotificationChannel>(sp => sp.GetRequiredService<TeamsChannel>());
        services.AddTransient<INotificationChannel, EmailChannel>();
        services.AddScoped<DeliverNotificationHandler>();
        services.AddSingleton<DeliveryClaimant>();
        // The planner hears of this node's commits at once: a page must not wait for the periodic round.
        services.AddSingleton<IncidentChangeSignal>();
        services.ConfigureMarten((sp, options) => options.Listeners.Add(sp.GetRequiredService<IncidentChangeSignal>()));
        services.AddHostedService<NotificationPlanningService>();
        return services;
    }

    public static void AddNotificationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<DeliverNotificationConsumer, DeliverNotificationConsumerDefinition>();
        bus.AddConsumer<DeliveryFaultConsumer, DeliveryFaultConsumerDefinition>();
    }
}
