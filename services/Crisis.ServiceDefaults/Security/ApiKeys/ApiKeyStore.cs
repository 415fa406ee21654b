using Crisis.ServiceDefaults.EventSourcing;
using JasperFx.Events.Projections;
using Marten;

namespace Crisis.ServiceDefaults.Security.ApiKeys;

public static class ApiKeyStore
{
    public static void Configure(StoreOptions options)
    {
        // Stable names: renaming a CLR type must never orphan stored events.
        options.Events.MapEventType<ApiKeyCreated>("api_key_created");
        options.Events.MapEventType<ApiKeyRevoked>("api_key_revoked");
        options.Projections.Add(new DeciderProjection<ApiKeyState, ApiKeyEvent>(ApiKeyDecider.Evolve, ApiKeyDecider.Instance.Initial), ProjectionLifecycle.Live);
        options.Projections.Add<ApiKeyRecordProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ApiKeyRecord>().Identity(k => k.Id).Index(k => k.OrganisationId);
    }
}
