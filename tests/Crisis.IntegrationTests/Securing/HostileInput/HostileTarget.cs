using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Securing.HostileInput;

/// <summary>
/// What the hostile requests aim at: a brand and an incident of the caller's own organisation, for the <c>{brand}</c>
/// and <c>{incident}</c> placeholders of the corpus and the fuzzer.
/// </summary>
public sealed record HostileTarget(string Brand, string Incident)
{
    public static async Task<HostileTarget> CreateAsync(HostProcess host, string prefix)
    {
        var brand = $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";
        using (var registered = await host.Http.PostAsJsonAsync("/api/brands", new { id = brand, name = brand.ToUpperInvariant(), organisationId = "test-org" }))
            Assert.That(registered.IsSuccessStatusCode, Is.True, await registered.Content.ReadAsStringAsync());
        using var opened = await host.Http.PostAsJsonAsync("/api/incidents", new { brandId = brand, title = "Target", severity = 5 });
        Assert.That(opened.IsSuccessStatusCode, Is.True, await opened.Content.ReadAsStringAsync());
        return new HostileTarget(brand, (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incidentId").GetString()!);
    }

    public string Fill(string text) =>
        text.Replace("{brand}", Brand, StringComparison.Ordinal).Replace("{incident}", Incident, StringComparison.Ordinal);
}
