using System.Net.Http.Json;
using System.Text.Json;
using Crisis.Contracts.Buzz;
using Crisis.IntegrationTests.Incidents;
using Crisis.IntegrationTests.Running;
using MassTransit;

namespace Crisis.IntegrationTests.Notifying;

/// <summary>
/// What the notification specs share: a bus connection to publish buzz pages on the real RabbitMQ, brands of their
/// own per test, and waits on the loopback receivers and on the incident's timeline.
/// </summary>
public abstract class NotificationSpec : IntegrationSpec
{
    protected const string ArabicExcerpt = "خدمة العملاء سيئة جدا، لا أحد يرد";

    protected IBusControl Bus { get; private set; } = null!;

    protected static NotificationReceivers Receivers => IntegrationSetup.Receivers;

    [OneTimeSetUp]
    public async Task ConnectAsync()
    {
        Bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestServers.RabbitMq));
        await Bus.StartAsync();
    }

    [OneTimeTearDown]
    public Task DisconnectAsync() => Bus.StopAsync();

    [TearDown]
    public void ShowHostOutputOnFailure()
    {
        // The host logs warnings and errors only: on a failure, they usually say why.
        if (TestContext.CurrentContext.Result.FailCount > 0)
            TestContext.Out.WriteLine(Host.Output[Math.Max(0, Host.Output.Length - 6000)..]);
    }

    /// <summary>Whose brand or incident each is (by id): the API shows them only to their own organisation.</summary>
    protected static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> OrganisationOf = new(StringComparer.Ordinal);

    protected static async Task<string> RegisterBrandOfAsync(string organisation, string prefix)
    {
        var brand = $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";
        // Each organisation's brands are registered by an admin of that organisation, and only it sees them.
        using var admin = Host.ClientFor(organisation);
        using var response = await admin.PostAsJsonAsync("/api/brands", new { id = brand, name = brand.ToUpperInvariant(), organisationId = organisation });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        OrganisationOf[brand] = organisation;
        return brand;
    }

    /// <summary>The detector's page number <paramref name="number"/> of the brand's first episode (1 starts it).</summary>
    protected static BuzzEscalated Page(string brand, int number, int severity = 8)
    {
        var detectedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        return new BuzzEscalated
        {
            EscalationId = $"{brand}/ep1/{(number == 1 ? "EpisodeStart" : "Escalation")}/{number}",
            BrandId = brand,
            EpisodeId = $"{brand}/ep1",
            Kind = number == 1 ? "EpisodeStart" : "Escalation",
            Phase = "Crisis",
            Severity = severity,
            AnomalyScore = 9.1,
            OnsetAt = detectedAt.AddHours(-1),
            BucketAt = detectedAt.AddMinutes(-5),
            DetectedAt = detectedAt,
            Evidence = new BuzzEvidenceSummary
            {
                Mentions = 420,
                ExpectedMentions = 12.5,
                NegativeShare = 0.83,
                TopNegativePosts =
                [
                    new EvidencePost("x", "p1", "angry_traveller", 120_000, "ar", ArabicExcerpt),
                    new EvidencePost("facebook", "p2", "lost_bag", 8_000, "fr", "Valise perdue, service client injoignable"),
                ],
                TopTerms = ["refund"],
                Languages = new Dictionary<string, long> { ["ar"] = 300, ["fr"] = 120 },
            },
        };
    }

    protected async Task<string> OpenIncidentAsync(string organisation, string prefix)
    {
        var brand = await RegisterBrandOfAsync(organisation, prefix);
        await Bus.Publish(Page(brand, 1));
        return await IncidentOfAsync(brand);
    }

    protected static async Task<string> IncidentOfAsync(string brand)
    {
        var list = await IncidentApi.EventuallyListAsync(brand, l => l.GetArrayLength() == 1, "the page to open an incident", OrganisationOf[brand]);
        var incidentId = list[0].GetProperty("incidentId").GetString()!;
        OrganisationOf[incidentId] = OrganisationOf[brand];
        return incidentId;
    }

    protected static IEnumerable<ReceivedWebhook> CallsFor(string path, string incidentId) =>
        Receivers.Webhooks.Received.Where(r => r.Path == path && r.Body.Contains(incidentId, StringComparison.Ordinal));

    protected static Task<ReceivedWebhook> WebhookAsync(string path, string incidentId, string because, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(
            () => Task.FromResult(CallsFor(path, incidentId).FirstOrDefault(r => r.Status == 200)),
            r => r is not null, timeout, because)!;

    protected static Task<ReceivedMail> MailAsync(string to, string incidentId, string because) =>
        Eventually.ReturnsAsync(
            () => Task.FromResult(Receivers.Smtp.Received.FirstOrDefault(m => m.To.Contains(to) && m.Key is { } key && key.StartsWith(incidentId, StringComparison.Ordinal))),
            m => m is not null, because: because)!;

    /// <summary>
    /// A condition that must hold for a while, for what must NOT happen (a second notification): checked every
    /// 100 ms over several of the host's planning passes and timeout rounds, failing as soon as it breaks.
    /// </summary>
    protected static async Task StaysTrueAsync(Func<bool> condition, string because, TimeSpan? during = null)
    {
        var until = DateTime.UtcNow + (during ?? TimeSpan.FromSeconds(3));
        while (DateTime.UtcNow < until)
        {
            Assert.That(condition(), Is.True, because);
            await Task.Delay(100);
        }
    }

    protected sealed record TimelineEntry(string Type, JsonElement Data);

    protected static string? DeliveryKey(TimelineEntry e) => e.Data.GetProperty("delivery").GetProperty("key").GetString();

    protected static string? Endpoint(TimelineEntry e) => e.Data.GetProperty("delivery").GetProperty("endpoint").GetString();

    protected static async Task<List<TimelineEntry>> TimelineAsync(string incidentId)
    {
        var timeline = await IncidentApi.GetAsync($"/api/incidents/{incidentId}/timeline", OrganisationOf[incidentId]);
        return timeline is { } t
            ? t.GetProperty("entries").EnumerateArray().Select(e => new TimelineEntry(e.GetProperty("type").GetString()!, e.GetProperty("data"))).ToList()
            : [];
    }

    protected static Task<List<TimelineEntry>> EventuallyTimelineAsync(string incidentId, Func<List<TimelineEntry>, bool> until, string because, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(() => TimelineAsync(incidentId), until, timeout, because);
}
