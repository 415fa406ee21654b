using System.Text.Json;
using Crisis.Cli.Hosting;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Securing.HostileInput;

/// <summary>Issue 18: a script reads the CLI's tables as JSON or CSV (<c>--output json|csv</c>) instead of parsing a drawing.</summary>
[NonParallelizable]
public class When_a_table_is_written_for_a_script : IntegrationSpec
{
    private static OutputTable Rows() => new OutputTable(new OutputColumn("brand", "brand"), new OutputColumn("mentions", "mentions"),
            new OutputColumn("share", "negative share"), new OutputColumn("since", "since (UTC)"))
        .Add("atlas-air", 1200L, 0.25, new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero))
        .Add("=HYPERLINK(\"x\")", 3, null, null);

    [Test]
    public void Json_gives_typed_values_under_machine_names()
    {
        var rows = JsonDocument.Parse(Rows().Json()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(rows.GetArrayLength(), Is.EqualTo(2));
            Assert.That(rows[0].GetProperty("mentions").GetInt64(), Is.EqualTo(1200));
            Assert.That(rows[0].GetProperty("share").GetDouble(), Is.EqualTo(0.25));
            Assert.That(rows[0].GetProperty("since").GetString(), Is.EqualTo("2026-12-07T10:00:00+00:00"));
            Assert.That(rows[1].GetProperty("share").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void Csv_has_a_header_row_and_quotes_what_needs_it_and_never_a_formula() =>
        Assert.That(Rows().Csv(), Is.EqualTo("brand,mentions,share,since\natlas-air,1200,0.25,2026-12-07T10:00:00+00:00\n\"'=HYPERLINK(\"\"x\"\")\",3,,\n"));

    [Test]
    public async Task The_mentions_summary_reads_as_json()
    {
        await RegisterBrandAsync("acme");
        using var posted = await Host.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative), new StringContent(
            SyntheticMentions.Ndjson([SyntheticMentions.Mention("acme", "p1", DateTimeOffset.UtcNow.AddMinutes(-5))]), System.Text.Encoding.UTF8, "application/x-ndjson"));
        Assert.That(posted.IsSuccessStatusCode, Is.True, await posted.Content.ReadAsStringAsync());

        var (exit, json, error) = await RunCliCapturedAsync("mentions", "summary", "--output", "json");

        Assert.That(exit, Is.Zero, error);
        var acme = JsonDocument.Parse(json).RootElement.EnumerateArray().Single(b => b.GetProperty("brand").GetString() == "acme");
        Assert.That(acme.GetProperty("mentions").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task The_buzz_states_read_as_csv()
    {
        var (exit, csv, error) = await RunCliCapturedAsync("buzz", "--output", "csv");

        Assert.That(exit, Is.Zero, error);
        Assert.That(csv, Does.StartWith("brand,phase,severity,episodes,lastPageKind,lastPageSeverity,lastPageDetectedAt,lastPositiveSpikeOnset\n"));
    }

    [Test]
    public async Task An_unknown_format_is_refused_naming_the_option()
    {
        var (exit, _, error) = await RunCliCapturedAsync("connectors", "status", "--output", "xml");

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("--output").And.Contain("table, json or csv"));
    }
}
