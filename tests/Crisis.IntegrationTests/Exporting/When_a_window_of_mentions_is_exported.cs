using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Exporting;

[NonParallelizable]
public class When_a_window_of_mentions_is_exported : IntegrationSpec
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 50, 0, TimeSpan.Zero);
    private string directory = null!;

    [SetUp]
    public void MakeDirectory() => directory = Directory.CreateTempSubdirectory("crisis-export-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(directory, recursive: true);


    [Test]
    public async Task It_holds_the_brands_mentions_of_the_window_in_publication_order_and_re_ingests_as_duplicates()
    {
        await RegisterBrandAsync("acme");
        await RegisterBrandAsync("other");
        var arabic = SyntheticMentions.Mention("acme", "ar-1", Start.AddMinutes(15));
        arabic["text"] = "خدمة العملاء سيئة جدا 😡";
        var mentions = new[]
        {
            SyntheticMentions.Mention("acme", "late", Start.AddMinutes(20)),      // 10:10, another hour stream
            SyntheticMentions.Mention("acme", "early", Start.AddMinutes(1)),
            arabic,
            SyntheticMentions.Mention("acme", "outside", Start.AddMinutes(40)),   // after the window
            SyntheticMentions.Mention("other", "elsewhere", Start.AddMinutes(5)), // another brand
        };
        using (var response = await Host.Http.PostAsJsonAsync("/api/mentions", mentions))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        }
        var file = Path.Combine(directory, "window.ndjson");

        var exit = await RunCliAsync("mentions", "export", "--brand", "acme", "--from", "2026-03-02T09:50:00Z", "--to", "2026-03-02T10:30:00Z", "--out", file);

        Assert.That(exit, Is.EqualTo(0));
        var lines = (await File.ReadAllLinesAsync(file)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(lines.Select(l => l.GetProperty("postId").GetString()), Is.EqualTo(new[] { "early", "ar-1", "late" }));
        Assert.Multiple(() =>
        {
            Assert.That(lines[1].GetProperty("text").GetString(), Is.EqualTo("خدمة العملاء سيئة جدا 😡"));
            Assert.That(lines[1].GetProperty("brandId").GetString(), Is.EqualTo("acme"));
            Assert.That(lines[1].GetProperty("platform").GetString(), Is.EqualTo("x"));
            Assert.That(lines[1].GetProperty("author").GetProperty("handle").GetString(), Is.EqualTo(arabic["author"] is Dictionary<string, object?> a ? a["handle"] : null));
            Assert.That(lines[1].GetProperty("publishedAt").GetDateTimeOffset(), Is.EqualTo(Start.AddMinutes(15)));
        });

        // The same intake format: the file intake recognises every exported mention as already stored.
        var before = await MentionsInEventsAsync();
        Assert.That(await RunCliAsync("ingest", file), Is.EqualTo(0));
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_window_that_ends_before_it_starts_is_refused_with_a_message()
    {
        var exit = await RunCliAsync("mentions", "export", "--brand", "acme", "--from", "2026-03-02T10:00:00Z", "--to", "2026-03-02T09:00:00Z", "--out", Path.Combine(directory, "x.ndjson"));

        Assert.That(exit, Is.Not.EqualTo(0));
        Assert.That(File.Exists(Path.Combine(directory, "x.ndjson")), Is.False);
    }
}
