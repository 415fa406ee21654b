using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crisis.ServiceDefaults.Logging;

public static class LogTriageSetup
{
    /// <summary>
    /// Puts <see cref="TriagedLoggerFactory"/> in front of the logger factory the host registered: the real factory
    /// stays registered under a key of its own and keeps building the loggers. Call after logging is configured.
    /// </summary>
    public static IServiceCollection AddCrisisLogTriage(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("no ILoggerFactory registered: configure logging first");
        services.Remove(registered);
        services.Add(registered switch
        {
            { ImplementationInstance: { } instance } => ServiceDescriptor.KeyedSingleton(typeof(ILoggerFactory), InnerKey, instance),
            { ImplementationFactory: { } create } => ServiceDescriptor.KeyedSingleton(typeof(ILoggerFactory), InnerKey, (sp, _) => create(sp)),
            _ => ServiceDescriptor.KeyedSingleton(typeof(ILoggerFactory), InnerKey, registered.ImplementationType!),
        });
        services.AddSingleton<ILoggerFactory>(sp => new TriagedLoggerFactory(
            sp.GetRequiredKeyedService<ILoggerFactory>(InnerKey), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    private const string InnerKey = "crisis-untriaged";
}
