using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crisis.Contracts.Buzz;
using Crisis.IntegrationTests.Running;
using MassTransit;
using Microsoft.Playwright;

namespace Crisis.BrowserTests.Running;

/// <summary>
/// Base of the browser specs: a fresh browser context (no storage shared between tests) on the host's dashboard,
/// and the API as a client would use it, to arrange state and to check what the clicks did.
/// </summary>
public abstract class DashboardSpec
{
    private readonly List<string> scriptErrors = [];
    private readonly string locale;
    private readonly ViewportSize viewport;
    private IBrowserContext context = null!;

    /// <param name="locale">The browser's language (navigator.languages), which the dashboard follows unless told otherwise.</param>
    protected DashboardSpec(string locale = "en-GB", int width = 1280, int height = 1000)
    {
        this.locale = locale;
        viewport = new ViewportSize { Width = width, Height = height };
    }

    protected IPage Page { get; private set; } = null!;

    /// <summary>The browser's language for this spec.</summary>
    protected string Locale => locale;

    protected static HostProcess Host => BrowserSetup.Host;

    [SetUp]
    public async Task OpenBrowserAsync()
    {
        scriptErrors.Clear();
        context = await BrowserSetup.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = viewport,
            Locale = locale,
        });
        // Waits for what the page shows, never for a fixed time; this is only the ceiling before a wait fails.
        context.SetDefaultTimeout(30_000);
        // Signed in as the API client is: an admin of test-org, in the storage the dashboard's sign-in box writes to.
        await context.AddInitScriptAsync($"sessionStorage.setItem('crisis.token', '{TestTokens.Issue()}')");
        Page = await context.NewPageAsync();
        Page.PageError += (_, error) => { lock (scriptErrors) scriptErrors.Add(error); };
        // A text key missing from every catalogue is reported by i18n.js: a defect, whatever the test looked at.
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.StartsWith("missing text", StringComparison.Ordinal)) lock (scriptErrors) scriptErrors.Add(message.Text);
        };
    }

    [TearDown]
    public async Task CloseBrowserAsync()
    {
        try
        {
            if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            {
                var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{TestContext.CurrentContext.Test.Name}.png");
                await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                TestContext.AddTestAttachment(file, "the page when the test failed");
            }
            // An exception the page did not catch is a defect even when what the test looked at came out right.
            lock (scriptErrors) Assert.That(scriptErrors, Is.Empty, "uncaught errors in the dashboard's scripts");
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    protected static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";

    protected static async Task RegisterBrandAsync(string id)
    {
        using var response = await Host.Http.PostAsJsonAsync("/api/brands", new { id, name = id.ToUpperInvariant(), organisationId = "test-org" });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    protected static async Task<string> OpenIncidentByHandAsync(string brandId, string title)
    {
        using var response = await Host.Http.PostAsJsonAsync("/api/incidents", new { brandId, title, severity = 6 });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return (await ReadAsync(response)).GetProperty("incidentId").GetString()!;
    }

    protected static async Task PostAsync(string path, object body)
    {
        using var response = await Host.Http.PostAsJsonAsync(path, body);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    protected static async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Host.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ReadAsync(response);
    }

    /// <summary>The answer, or null while the resource does not exist yet (a read model still being built).</summary>
    protected static async Task<JsonElement?> TryGetAsync(string path)
    {
        using var response = await Host.Http.GetAsync(new Uri(path, UriKind.Relative));
        return response.IsSuccessStatusCode ? await ReadAsync(response) : null;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>One post of <paramref name="handle"/> about the brand, as a connector sends it (POST /api/mentions), published 5 minutes ago.</summary>
    protected static async Task IngestPostAsync(string brand, string postId, string text, string handle)
    {
        var post = SyntheticMentions.Mention(brand, $"{brand}-{postId}", DateTimeOffset.UtcNow.AddMinutes(-5));
        post["text"] = text;
        post["author"] = new Dictionary<string, object?> { ["handle"] = handle, ["followers"] = 120 };
        using var content = new StringContent(SyntheticMentions.Ndjson([post]), Encoding.UTF8, "application/x-ndjson");
        using var response = await Host.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative), content);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A page as the detector publishes it, on the host's RabbitMQ virtual host.</summary>
    protected static async Task PublishPageAsync(string brand, params EvidencePost[] posts)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestServers.RabbitMq));
        await bus.StartAsync();
        try
        {
            var detectedAt = DateTimeOffset.UtcNow.AddMinutes(-2);
            await bus.Publish(new BuzzEscalated
            {
                EscalationId = $"{brand}/ep1/EpisodeStart/1",
                BrandId = brand,
                EpisodeId = $"{brand}/ep1",
                Kind = "EpisodeStart",
                Phase = "Crisis",
                Severity = 7,
                AnomalyScore = 7.5,
                OnsetAt = detectedAt.AddMinutes(-30),
                BucketAt = detectedAt.AddMinutes(-3),
                DetectedAt = detectedAt,
                Evidence = new BuzzEvidenceSummary
                {
                    Mentions = 420,
                    ExpectedMentions = 12.5,
                    NegativeShare = 0.83,
                    TopNegativePosts = posts,
                    TopTerms = ["خدمة", "remboursement"],
                    Languages = new Dictionary<string, long> { ["ar"] = 300, ["fr"] = 120 },
                },
            });
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
