using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Desk;

/// <summary>
/// A host of its own whose desk publishes to <see cref="FakeDeskReceivers"/> (the shared host has no desk webhooks), and the
/// calls the desk's clients make: posting mentions, reading the queue, working a conversation as a named responder.
/// </summary>
public abstract class DeskSpec : IntegrationSpec
{
    public const string Working = TestTokens.Organisation;
    public const string Broken = "desk-broken-org";

    protected static FakeDeskReceivers Receivers { get; private set; } = null!;

    protected static HostProcess Desk { get; private set; } = null!;

    private static readonly SemaphoreSlim Starting = new(1, 1);

    [OneTimeSetUp]
    public async Task StartDeskAsync()
    {
        await Starting.WaitAsync();
        try
        {
            if (Desk is not null) return;
            Receivers = await FakeDeskReceivers.StartAsync();
            // The run's notification settings first: this host shares the store, so it takes paging's and the desk's timeouts as
            // the shared host does and must page and warn the same receivers the same way.
            var settings = new Dictionary<string, string>(IntegrationSetup.Receivers.HostSettings());
            foreach (var (key, value) in Receivers.HostSettings(Working, Broken)) settings[key] = value;
            Desk = await HostProcess.StartAsync(settings);
        }
        finally
        {
            Starting.Release();
        }
    }

    /// <summary>Stopped with the assembly's run (see <see cref="DeskTeardown"/>).</summary>
    internal static async Task StopDeskAsync()
    {
        if (Desk is not null) await Desk.DisposeAsync();
        if (Receivers is not null) await Receivers.DisposeAsync();
    }

    /// <summary>A brand of its own for one test (an open incident puts every post of its brand in the queue): its id.</summary>
    protected static async Task<string> RegisterNewBrandAsync(string prefix)
    {
        var brand = $"{prefix}{Guid.NewGuid():N}"[..15];
        await RegisterAsync(brand);
        return brand;
    }

    protected static async Task RegisterAsync(string brand, string organisation = Working)
    {
        using var admin = Desk.ClientFor(organisation);
        using var response = await admin.PostAsJsonAsync("/api/brands", new { id = brand, name = brand.ToUpperInvariant() });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    protected static Dictionary<string, object?> Post(
        string brand, string postId, string text, long followers = 10, string? replyTo = null, string? sentiment = null, string handle = "amina_dz")
    {
        var post = new Dictionary<string, object?>
        {
            ["platform"] = "x",
            ["postId"] = postId,
            ["brandId"] = brand,
            ["author"] = new Dictionary<string, object?> { ["handle"] = handle, ["followers"] = followers },
            ["text"] = text,
            ["publishedAt"] = DateTimeOffset.UtcNow.AddMinutes(-5).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        if (replyTo is not null) post["replyTo"] = replyTo;
        if (sentiment is not null) post["sentiment"] = new Dictionary<string, object?> { ["label"] = sentiment };
        return post;
    }

    protected static async Task IngestAsync(string organisation, params Dictionary<string, object?>[] posts)
    {
        using var admin = Desk.ClientFor(organisation);
        using var content = new StringContent(SyntheticMentions.Ndjson(posts), Encoding.UTF8, "application/x-ndjson");
        using var response = await admin.PostAsync(new Uri("/api/mentions", UriKind.Relative), content);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    protected static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(
        HttpMethod method, string path, object? body = null, string organisation = Working, string name = "alice", params string[] roles)
    {
        using var client = Desk.ClientFor(organisation, name, roles.Length == 0 ? ["responder"] : roles);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    protected static async Task<JsonElement> QueueAsync(string query = "", string organisation = Working)
    {
        var (response, body) = await SendAsync(HttpMethod.Get, $"/api/desk/queue{query}", organisation: organisation, roles: "viewer");
        Assert.That(response.IsSuccessStatusCode, Is.True, body.ToString());
        response.Dispose();
        return body.GetProperty("conversations");
    }

    /// <summary>Waits until the intake (the daemon's subscription) has put <paramref name="count"/> conversations of the brand in the queue.</summary>
    protected static Task<JsonElement> EventuallyQueuedAsync(string brand, int count, string organisation = Working) =>
        Eventually.ReturnsAsync(() => QueueAsync($"?brandId={brand}", organisation), q => q.GetArrayLength() >= count,
            timeout: TimeSpan.FromSeconds(45), because: $"{count} conversation(s) of {brand} in the queue");

    protected static async Task<JsonElement> ConversationAsync(string id, string organisation = Working)
    {
        var (response, body) = await SendAsync(HttpMethod.Get, $"/api/desk/conversations/{id}", organisation: organisation, roles: "viewer");
        Assert.That(response.IsSuccessStatusCode, Is.True, body.ToString());
        response.Dispose();
        return body;
    }

    protected static async Task<string[]> EventTypesAsync(string id)
    {
        var (response, body) = await SendAsync(HttpMethod.Get, $"/api/desk/conversations/{id}/events", roles: "viewer");
        response.Dispose();
        return [.. body.EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];
    }
}

[SetUpFixture]
public sealed class DeskTeardown
{
    [OneTimeTearDown]
    public Task StopAsync() => DeskSpec.StopDeskAsync();
}
