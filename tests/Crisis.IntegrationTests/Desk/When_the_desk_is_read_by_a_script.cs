using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Desk;

/// <summary>Issue 18: <c>crisis desk queue</c> and <c>kpis</c> take <c>--output table|json|csv</c> like the store's tables, JSON alone on standard output.</summary>
public class When_the_desk_is_read_by_a_script : DeskSpec
{
    private static Task<(int Exit, string Out, string Error)> DeskAsync(params string[] args) =>
        CapturedCli.RunAsync([.. args, "--url", Desk.BaseAddress.ToString(), "--token", TestTokens.Issue(Working, "script", ["responder"])]);

    /// <summary>A brand of its own and one person waiting in its queue: the brand's id.</summary>
    private static async Task<string> OneQuestionQueuedAsync(string text, string handle = "amina_dz")
    {
        var brand = await RegisterNewBrandAsync("deskout");
        await IngestAsync(Working, Post(brand, $"{brand}-q", text, handle: handle));
        await EventuallyQueuedAsync(brand, 1);
        return brand;
    }

    [Test]
    public async Task The_queue_reads_as_json_rows_under_the_apis_names()
    {
        var brand = await OneQuestionQueuedAsync("=cmd| Pourquoi ma commande n'est toujours pas arrivée ?", "amina_out");

        var (exit, json, error) = await DeskAsync("desk", "queue", "--brand", brand, "--output", "json");

        Assert.That(exit, Is.Zero, error);
        var row = JsonDocument.Parse(json).RootElement.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("brandId").GetString(), Is.EqualTo(brand));
            Assert.That(row.GetProperty("status").GetString(), Is.EqualTo("Awaiting"));
            Assert.That(row.GetProperty("waitingMinutes").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(row.GetProperty("authorHandle").GetString(), Is.EqualTo("amina_out"));
            Assert.That(row.GetProperty("latestText").GetString(), Does.StartWith("=cmd|"), "JSON carries the text as written");
        });
    }

    [Test]
    public async Task The_queue_reads_as_csv_without_formulas_and_an_empty_one_as_its_header()
    {
        var brand = await OneQuestionQueuedAsync("=cmd| Pourquoi ma commande n'est toujours pas arrivée ?");

        var (exit, csv, error) = await DeskAsync("desk", "queue", "--brand", brand, "--output", "csv");
        var (emptyExit, empty, _) = await DeskAsync("desk", "queue", "--brand", brand + "x", "--output", "csv");

        Assert.That(exit, Is.Zero, error);
        Assert.Multiple(() =>
        {
            Assert.That(csv, Does.StartWith("conversationId,brandId,incidentId,language,platform,status,"));
            Assert.That(csv, Does.Contain(",'=cmd| Pourquoi"), "a cell that starts like a formula is defused");
            Assert.That(emptyExit, Is.Zero);
            Assert.That(empty.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1), "the header alone");
        });
    }

    [Test]
    public async Task The_kpis_read_as_one_row_per_scope()
    {
        var brand = await OneQuestionQueuedAsync("Pourquoi ma commande n'est toujours pas arrivée ?");

        var (exit, json, error) = await DeskAsync("desk", "kpis", "--brand", brand, "--output", "json");

        Assert.That(exit, Is.Zero, error);
        var rows = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows[0].GetProperty("scope").GetString(), Is.EqualTo("overall"));
            Assert.That(rows[0].GetProperty("key").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(rows[0].GetProperty("conversations").GetInt64(), Is.EqualTo(1));
            Assert.That(rows[0].GetProperty("waiting").GetInt64(), Is.EqualTo(1));
            Assert.That(rows.Single(r => r.GetProperty("scope").GetString() == "brand").GetProperty("key").GetString(), Is.EqualTo(brand));
        });
    }

    [TestCase("queue")]
    [TestCase("kpis")]
    public async Task An_unknown_format_is_refused_naming_the_option(string command)
    {
        var (exit, output, error) = await DeskAsync("desk", command, "--output", "yaml");

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("--output").And.Contain("table, json or csv"));
        Assert.That(output, Is.Empty);
    }
}
