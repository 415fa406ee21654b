using Crisis.PersonalData.Erasing;
using Crisis.PersonalData.Pseudonymising;
using Crisis.PersonalData.Reading;
using Crisis.PersonalData.Storing;
using Crisis.ServiceDefaults.EventSourcing;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Crisis.PersonalData;

/// <summary>
/// The public's identity and words, kept apart from the events where they can be erased: the tables, the pseudonym
/// scheme, reading posts back for people (evidence, desk, exports), erasure and retention. Other modules read through
/// <see cref="PostContents"/> and name authors through <see cref="AuthorPseudonyms"/>; ingestion claims each post's row.
/// </summary>
public static class PersonalDataModule
{
    /// <summary>Idempotent: every module that keeps or shows posts calls it, so a host or harness cannot forget it.</summary>
    public static IServiceCollection AddPersonalData(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(PostContents))) return services;
        services.ConfigureMarten(Configure);
        services.AddSingleton(sp => new AuthorPseudonyms(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<EventStoreSettings>().Schema));
        services.AddSingleton(sp => new PostContents(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<EventStoreSettings>().Schema, sp.GetRequiredService<AuthorPseudonyms>()));
        services.AddSingleton<AuthorEraser>();
        services.AddSingleton<OperatorErasure>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IEndpointRouteBuilder MapPersonalData(this IEndpointRouteBuilder api) => api.MapEraseAuthor();

    private static void Configure(StoreOptions options)
    {
        PersonalDataTables.Configure(options);
        // A stable name: renaming the CLR type must never orphan the audit of an erasure.
        options.Events.MapEventType<AuthorErased>("author_erased");
        options.Projections.Add(
            new DeciderProjection<AuthorErasureState, AuthorErased>(AuthorErasureDecider.Evolve, AuthorErasureDecider.Instance.Initial), ProjectionLifecycle.Live);
    }
}
