using Crisis.IntegrationTests.Incidents;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Reporting;

[NonParallelizable]
public class When_a_post_mortem_is_written_from_the_command_line : IntegrationSpec
{
    private string directory = null!;

    [SetUp]
    public void MakeDirectory() => directory = Directory.CreateTempSubdirectory("crisis-report-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(directory, recursive: true);


    [Test]
    public async Task The_file_holds_the_same_escaped_page_as_the_api()
    {
        await RegisterBrandAsync("acme");
        var id = await IncidentApi.OpenByHandAsync("acme", "Leak <b>on</b> the forum");
        var file = Path.Combine(directory, "report.html");

        var exit = await RunCliAsync("report", "--incident", id, "--out", file);

        var html = await File.ReadAllTextAsync(file);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0));
            Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
            Assert.That(html, Does.Contain("<h1 dir=\"auto\">Leak &lt;b&gt;on&lt;/b&gt; the forum</h1>"));
            Assert.That(html, Does.Contain("Incident opened"));
        });
    }

    [Test]
    public async Task It_has_the_desk_section_of_the_apis_report_in_the_readers_language()
    {
        await RegisterBrandAsync("acme");
        var id = await IncidentApi.OpenByHandAsync("acme", "Clients en colère sur le forum");
        var file = Path.Combine(directory, "report.html");

        var exit = await RunCliAsync("report", "--incident", id, "--out", file, "--locale", "fr");
        var api = await Host.Http.GetStringAsync(new Uri($"/api/incidents/{id}/report?language=fr", UriKind.Relative));

        var html = await File.ReadAllTextAsync(file);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0));
            Assert.That(api, Does.Contain("<h2>Desk de réponse"), "the API's report has the section");
            Assert.That(html, Does.Contain("<h2>Desk de réponse"));
            Assert.That(html, Does.Contain("Aucune conversation de cet incident"));
        });
    }

    [Test]
    public async Task An_unknown_incident_exits_with_2_and_writes_nothing()
    {
        var file = Path.Combine(directory, "report.html");

        var exit = await RunCliAsync("report", "--incident", "nobody", "--out", file);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(File.Exists(file), Is.False);
    }

    [Test]
    public async Task Missing_options_exit_non_zero()
    {
        Assert.That(await RunCliAsync("report", "--out", Path.Combine(directory, "r.html")), Is.Not.Zero);
        Assert.That(await RunCliAsync("report", "--incident", "x"), Is.Not.Zero);
    }
}
