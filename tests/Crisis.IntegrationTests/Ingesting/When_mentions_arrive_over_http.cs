using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crisis.IntegrationTests.Running;
using static Crisis.IntegrationTests.Running.SyntheticMentions;

namespace Crisis.IntegrationTests.Ingesting;

public class When_mentions_arrive_over_http : IntegrationSpec
{
    private static readonly DateTimeOffset Recent = DateTimeOffset.UtcNow.AddMinutes(-30);

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> PostAsync(string body, string contentType = "application/x-ndjson")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await PostAsync(content);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> PostAsync(HttpContent content)
    {
        using var response = await Host.Http.PostAsync(new Uri("/api/mentions", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    [Test]
    public async Task Each_mention_is_stored_once_and_a_resend_is_reported_as_duplicate()
    {
        await RegisterBrandAsync("acme");
        var batch = Ndjson(Enumerable.Range(1, 50).Select(i => Mention("acme", $"p{i}", Recent.AddSeconds(i))));

        var first = await PostAsync(batch);
        var second = await PostAsync(batch);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((first.Body.GetProperty("accepted").GetInt32(), first.Body.GetProperty("duplicate").GetInt32()), Is.EqualTo((50, 0)));
        Assert.That((second.Body.GetProperty("accepted").GetInt32(), second.Body.GetProperty("duplicate").GetInt32()), Is.EqualTo((0, 50)));
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(50), "the 202 came after the commit, so the mentions are already there");
        Assert.That(await MentionKeysAsync(), Is.EqualTo(50));
    }

    [Test]
    public async Task A_json_array_is_accepted_like_ndjson()
    {
        await RegisterBrandAsync("acme");
        var items = Enumerable.Range(1, 3).Select(i => Mention("acme", $"a{i}", Recent)).ToArray();

        using var content = JsonContent.Create(items);
        var (status, body, _) = await PostAsync(content);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(body.GetProperty("accepted").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task Bad_items_are_reported_by_line_and_field_and_the_good_ones_are_stored()
    {
        await RegisterBrandAsync("acme");
        var future = Mention("acme", "f1", DateTimeOffset.UtcNow.AddDays(2));
        var unknownBrand = Mention("globex", "g1", Recent);
        var noText = Mention("acme", "t1", Recent);
        noText["text"] = "";
        var wrongType = Mention("acme", "w1", Recent);
        wrongType["author"] = new Dictionary<string, object?> { ["handle"] = "a", ["followers"] = "lots" };
        var body = Ndjson([Mention("acme", "ok1", Recent), future, unknownBrand]) + "{not json\n" + Ndjson([noText, wrongType, Mention("acme", "ok2", Recent)]);

        var (status, report, _) = await PostAsync(body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(report.GetProperty("accepted").GetInt32(), Is.EqualTo(2));
        Assert.That(report.GetProperty("rejected").GetInt32(), Is.EqualTo(5));
        var errors = report.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.That(errors, Is.EquivalentTo(new[] { (2, "publishedAt"), (3, "brandId"), (4, "$"), (5, "text"), (6, "author.followers") }));
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_line_of_invalid_utf8_is_rejected_alone()
    {
        await RegisterBrandAsync("acme");
        var good = Encoding.UTF8.GetBytes(Ndjson([Mention("acme", "u1", Recent)]));
        var broken = Encoding.UTF8.GetBytes(Ndjson([Mention("acme", "u2", Recent)]));
        broken[broken.Length - 20] = 0xFF;
        using var content = new ByteArrayContent([.. good, .. broken]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");

        var (status, report, _) = await PostAsync(content);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(report.GetProperty("accepted").GetInt32(), Is.EqualTo(1));
        Assert.That(report.GetProperty("errors")[0].GetProperty("reason").GetString(), Is.EqualTo("is not valid UTF-8"));
    }

    [Test]
    public async Task A_batch_with_nothing_valid_gets_a_422_problem_listing_every_item()
    {
        var (status, problem, contentType) = await PostAsync(Ndjson([Mention("nobody", "n1", Recent), Mention("nobody", "n2", Recent)]));

        Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(contentType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.GetProperty("errors").GetArrayLength(), Is.EqualTo(2));
        Assert.That(problem.GetProperty("errors")[0].GetProperty("field").GetString(), Is.EqualTo("brandId"));
    }

    [Test]
    public async Task A_malformed_array_gets_a_400_problem_and_stores_nothing()
    {
        await RegisterBrandAsync("acme");
        var valid = JsonSerializer.Serialize(Mention("acme", "m1", Recent));

        var (status, problem, contentType) = await PostAsync($"[{valid}, {{\"platform\": ]", "application/json");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(contentType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.GetProperty("field").GetString(), Is.EqualTo("$"));
        Assert.That(await MentionsInEventsAsync(), Is.Zero);
    }

    [Test]
    public async Task An_oversized_body_gets_a_413_problem()
    {
        var huge = new string('x', 17 * 1024 * 1024);

        var (status, problem, contentType) = await PostAsync(huge);

        Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(contentType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("Nothing was stored"));
    }

    [Test]
    public async Task An_empty_body_gets_a_400_problem()
    {
        var (status, _, contentType) = await PostAsync("\n\n");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(contentType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Mentions_land_in_one_stream_per_brand_and_hour_of_publication()
    {
        await RegisterBrandAsync("acme");
        await RegisterBrandAsync("initech");
        var hour = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        await PostAsync(Ndjson([
            Mention("acme", "s1", hour.AddMinutes(5)), Mention("acme", "s2", hour.AddMinutes(59)),
            Mention("acme", "s3", hour.AddMinutes(61)), Mention("initech", "s4", hour.AddMinutes(5)),
        ]));

        var streams = await ScalarAsync("SELECT count(DISTINCT stream_id) FROM {schema}.mt_events WHERE type = 'mentions_recorded'");
        var acmeTen = await ScalarAsync("SELECT coalesce(sum(jsonb_array_length(data->'mentions')),0) FROM {schema}.mt_events WHERE stream_id = 'mentions/acme/2026-11-01T10'");

        Assert.That(streams, Is.EqualTo(3));
        Assert.That(acmeTen, Is.EqualTo(2));
    }

    [Test]
    public async Task Each_mention_is_stored_with_its_language_and_negativity()
    {
        await RegisterBrandAsync("acme");
        var arabic = Mention("acme", "l1", Recent);
        arabic["text"] = "خدمة سيئة جدا، أسوأ شركة تعاملت معها";
        var english = Mention("acme", "l2", Recent);
        english["text"] = "Thank you Acme, great service and a lovely team!";
        var arabizi = Mention("acme", "l3", Recent);
        arabizi["text"] = "khedma khayba bzaf, 3lach ma tjawbouch?";

        await PostAsync(Ndjson([arabic, english, arabizi]));

        await using var command = Database.CreateCommand(
            $"SELECT m->>'postId', m->>'language', (m->>'isNegative')::boolean, (m->>'negativeProbability')::float8 FROM {Schema}.mt_events e, jsonb_array_elements(e.data->'mentions') m ORDER BY 1");
        var rows = new List<(string Post, string Language, bool Negative, double Probability)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetDouble(3)));
        }
        Assert.That(rows.Select(r => (r.Post, r.Language, r.Negative)), Is.EqualTo(new[]
        {
            ("l1", "Arabic", true), ("l2", "English", false), ("l3", "Arabizi", true),
        }));
        Assert.That(rows.All(r => r.Probability is >= 0 and <= 1), Is.True);
    }
}
