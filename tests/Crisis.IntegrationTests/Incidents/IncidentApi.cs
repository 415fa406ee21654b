using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Incidents;

/// <summary>
/// The incident API as the cell's client uses it: commands as the actor "alice", reads as JSON; as an admin of test-org
/// unless another organisation is named.
/// </summary>
public static class IncidentApi
{
    public static async Task<HttpResponseMessage> PostAsync(string path, object? body = null, string? ifMatch = null, string organisation = TestTokens.Organisation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Authorization = TestTokens.Bearer(organisation, "alice");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await IntegrationSetup.Host.Http.SendAsync(request);
    }

    public static async Task<string> OpenByHandAsync(string brandId, string title = "Angry customers on the forum")
    {
        using var response = await PostAsync("/api/incidents", new { brandId, title, severity = 6 });
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await ReadAsync(response)).GetProperty("incidentId").GetString()!;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static async Task<JsonElement?> GetAsync(string path, string organisation = TestTokens.Organisation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = TestTokens.Bearer(organisation);
        using var response = await IntegrationSetup.Host.Http.SendAsync(request);
        return response.IsSuccessStatusCode ? await ReadAsync(response) : null;
    }

    public static async Task<JsonElement> ListAsync(string brandId, string organisation = TestTokens.Organisation) =>
        (await GetAsync($"/api/incidents?brandId={brandId}", organisation))!.Value;

    /// <summary>Waits for the brand's incident list to satisfy a condition: the consumer and the timer work in the host.</summary>
    public static Task<JsonElement> EventuallyListAsync(string brandId, Func<JsonElement, bool> until, string because, string organisation = TestTokens.Organisation) =>
        Eventually.ReturnsAsync(() => ListAsync(brandId, organisation), until, because: because);
}
