using Crisis.CrisisCell.Desk.Answering;
using Crisis.CrisisCell.Desk.Claiming;
using Crisis.CrisisCell.Desk.Closing;
using Crisis.CrisisCell.Desk.Configuring;
using Crisis.CrisisCell.Desk.HandingOver;
using Crisis.CrisisCell.Desk.Intake;
using Crisis.CrisisCell.Desk.Measuring;
using Crisis.CrisisCell.Desk.Queue;
using Crisis.CrisisCell.Desk.Templating;
using Crisis.ServiceDefaults.EventSourcing;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crisis.CrisisCell.Desk;

/// <summary>The response desk (docs/response-desk.md): its settings, store schema, intake subscription and endpoints.</summary>
public static class DeskModule
{
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddDesk(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IConfiguration configuration)
    {
        marten.Services.AddOptions<DeskOptions>()
            .Bind(configuration.GetSection(DeskOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Organisations.Values.All(IsValid), $"{DeskOptions.Section}:Organisations: every webhook needs an absolute http(s) Url and a Secret of at least 16 characters; a HandoverEmail needs To (e-mail addresses) and excludes a HandoverWebhook; first-answer targets are 1 to 10080 minutes")
            .ValidateOnStart();
        marten.Services.AddHttpClient<SignedWebhook>();
        marten.Services.AddSingleton<IAnswerPublisher, WebhookAnswerPublisher>();
        marten.Services.AddSingleton<HandingOver.CustomerService>();
        marten.AddSubscriptionWithServices<DeskIntakeSubscription>(ServiceLifetime.Singleton);
        return marten;
    }

    /// <summary>The first-answer timeouts and their warnings: on crisis-cell nodes, where the notification channels are.</summary>
    public static IServiceCollection AddDeskTimers(this IServiceCollection services) =>
        services.AddSingleton<KeepingServiceLevels.BreachWarnings>().AddHostedService<KeepingServiceLevels.ServiceLevelTimeoutService>();

    private static bool IsValid(DeskOrganisationOptions organisation) =>
        organisation.FirstAnswerMinutes is >= 1 and <= 10_080 && organisation.IncidentFirstAnswerMinutes is >= 1 and <= 10_080
        && new[] { organisation.AnswerWebhook, organisation.HandoverWebhook }.All(w => w is null
            || (w.Url is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && w.Secret.Length >= 16))
        // One way to customer service: a case sent twice, by two ways, would be two cases.
        && (organisation.HandoverEmail is null || (organisation.HandoverWebhook is null && organisation.HandoverEmail.IsValid()));

    public static void ConfigureStore(StoreOptions options)
    {
        foreach (var (type, name) in ConversationEventNames.ByType) options.Events.MapEventType(type, name);
        options.Projections.Add(
            new DeciderProjection<ConversationState, ConversationEvent>(ConversationDecider.Evolve, ConversationDecider.Instance.Initial), ProjectionLifecycle.Live);
        // Inline: a claim must be visible to the next reader of the queue at once.
        options.Projections.Add(new DeskConversationProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<DeskConversation>().Identity(c => c.Id)
            // The queue's first page is a backward scan of this index (docs/response-desk.md, docs/benchmarks.md).
            .Index([c => c.OrganisationId, c => c.Status, c => c.Rank!], index => index.Name = "mt_doc_deskconversation_queue")
            // A brand's queue (the usual filter) without walking the other brands' rows.
            .Index([c => c.OrganisationId, c => c.BrandId, c => c.Status, c => c.Rank!], index => index.Name = "mt_doc_deskconversation_brand_queue")
            .Index(c => c.AuthorPseudonym);
        options.Schema.For<ConversationLink>().Identity(l => l.Id);
        // Templates: one stream each, read through an inline projection so a saved template answers at once.
        options.Events.MapEventType<AnswerTemplateSaved>("desk_answer_template_saved");
        options.Events.MapEventType<AnswerTemplateDeleted>("desk_answer_template_deleted");
        options.Projections.Add(
            new DeciderProjection<AnswerTemplateState, AnswerTemplateEvent>(AnswerTemplateDecider.Evolve, AnswerTemplateDecider.Instance.Initial), ProjectionLifecycle.Live);
        options.Projections.Add(new DeskTemplateProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<DeskTemplate>().Identity(t => t.Id).Index(t => t.OrganisationId);
    }

    public static IEndpointRouteBuilder MapDesk(this IEndpointRouteBuilder app)
    {
        var desk = app.MapGroup("/api/desk").WithTags("Desk");
        desk.MapQueue();
        desk.MapClaiming();
        desk.MapAnswering();
        desk.MapHandingOver();
        desk.MapNoAnswerNeeded();
        desk.MapDeskKpis();
        desk.MapTemplates();
        return app;
    }
}
