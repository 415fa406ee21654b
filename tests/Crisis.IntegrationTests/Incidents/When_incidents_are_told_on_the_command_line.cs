using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Incidents;

/// <summary>
/// <c>crisis incidents</c>, which the demo prints as its summary: each incident told in the reader's language and zone,
/// from the store, with the brand's registered name and what the playbook asks next.
/// </summary>
[NonParallelizable]
public class When_incidents_are_told_on_the_command_line : IntegrationSpec
{
    private const string Brand = "acme";

    [SetUp]
    public Task RegisterAsync() => RegisterBrandAsync(Brand);

    private static Task<(int Exit, string Out, string Error)> TellAsync(params string[] args) => RunCliCapturedAsync(["incidents", .. args]);

    [Test]
    public async Task In_french_it_says_who_has_the_incident_and_what_the_playbook_asks_next()
    {
        var id = await IncidentApi.OpenByHandAsync(Brand, "Clients en colère sur le forum");
        using var acknowledged = await IncidentApi.PostAsync($"/api/incidents/{id}/acknowledge");
        Assert.That(acknowledged.IsSuccessStatusCode, Is.True, await acknowledged.Content.ReadAsStringAsync());

        var (exit, story, error) = await TellAsync("--locale", "fr", "--time-zone", "Europe/Paris");

        Assert.That(exit, Is.Zero, error);
        Assert.Multiple(() =>
        {
            Assert.That(story, Does.Contain($"Incident {id} : Clients en colère sur le forum (marque ACME, gravité 6, Pris en charge)"), "the brand by its registered name");
            Assert.That(story, Does.Contain("Pris en charge par "));
            Assert.That(story, Does.Contain("Prochaine étape du playbook : « Répondre », due le "), "the default playbook's first stage, in French");
            Assert.That(story, Does.Contain("Europe/Paris (UTC+01:00) (heure d'enregistrement)").Or.Contain("Europe/Paris (UTC+02:00) (heure d'enregistrement)"));
            Assert.That(story, Does.Contain("Heures en Europe/Paris."));
            Assert.That(story, Does.Not.Contain("Next in the playbook"));
        });
    }

    [Test]
    public async Task A_language_it_does_not_speak_is_refused_naming_the_option()
    {
        var (exit, _, error) = await TellAsync("--locale", "de");

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("--locale").And.Contain("en, fr or ar"));
    }

    [Test]
    public async Task An_unknown_zone_is_refused_naming_the_option()
    {
        var (exit, _, error) = await TellAsync("--time-zone", "Mars/Olympus");

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("--time-zone").And.Contain("IANA"));
    }
}
