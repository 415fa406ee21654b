using System.Text.Json;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Tests.Fakes;
using Microsoft.AspNetCore.Http;

namespace Crisis.Connectors.Tests.Sources;

/// <summary>X recent search, Reddit listings and YouTube comment threads against a local server answering from fixtures.</summary>
[Parallelizable(ParallelScope.None)]
public class When_a_connector_polls_json_apis
{
    private static string Fixture(string source, string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", source, name));

    private static (int, string, string) Json(string body) => (200, "application/json", body);

    private static async Task<InMemoryCursors> PositionAsync(string source, string target, string position)
    {
        var cursors = new InMemoryCursors();
        await cursors.SaveAsync("spec", source, "test-org", JsonSerializer.Serialize(new Dictionary<string, string> { [target] = position }),
            default, DateTimeOffset.UtcNow, null, null, CancellationToken.None);
        return cursors;
    }

    private static Dictionary<string, string> Positions(ConnectorHarness connector) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(connector.Cursors.Current!.Position!)!;

    [Test]
    public async Task X_recent_search_pages_through_a_poll_then_asks_since_the_newest_id()
    {
        await using var fake = await FakePages.StartAsync();
        var polls = 0;
        fake.Answer = request =>
        {
            if (request.Path != "/2/tweets/search/recent" || request.Query["query"] != "acme -is:retweet") return (400, "text/plain", "bad query");
            if (request.Query["next_token"] == "b26v89c19zqg8o3fpzbkk") return Json(Fixture("x", "page2.json"));
            return Interlocked.Increment(ref polls) == 1 ? Json(Fixture("x", "page1.json")) : Json(Fixture("x", "empty.json"));
        };
        var settings = new ConnectorSettings
        {
            Source = "x", Organisation = "test-org", Endpoint = fake.Address, Targets = ["acme -is:retweet"], Token = "x-bearer",
            Brands = { ["acme"] = "acme OR @acmesupport" }, PollInterval = TimeSpan.FromSeconds(1),
        };
        await using var connector = new ConnectorHarness(settings, cursors: await PositionAsync("x", "acme -is:retweet", "1865000000000000000"));

        var stored = await Eventually.ReturnsAsync(() => connector.Intake.Stored, s => s.Count == 3, because: "the tweets naming Acme on both pages");
        await Eventually.ReturnsAsync(() => fake.Requests.Count, n => n >= 3, because: "a second poll");

        var reply = stored["x:1865000000000000005:acme"];
        Assert.That(reply.Author!.Handle, Is.EqualTo("dana_k"));
        Assert.That(reply.Author.DisplayName, Is.EqualTo("Dana"));
        Assert.That(reply.Author.Followers, Is.EqualTo(15230));
        Assert.That(reply.ReplyTo, Is.EqualTo("1865000000000000001"));
        Assert.That(reply.Language, Is.EqualTo("en"));
        Assert.That(reply.Url, Is.EqualTo("https://x.com/dana_k/status/1865000000000000005"));
        Assert.That(reply.PublishedAt, Is.EqualTo("2026-12-07T08:05:00.0000000Z"));
        Assert.That(stored["x:1865000000000000002:acme"].Language, Is.Null, "X's 'qht' (hashtags only) is no language");
        Assert.That(connector.Log.Lines, Has.Some.Contains("malformed x item"), "the tweet whose author is not in includes");
        var requests = fake.Requests.ToArray();
        Assert.That(requests[0].PathAndQuery, Does.Contain("since_id=1865000000000000000"));
        Assert.That(requests[1].PathAndQuery, Does.Contain("next_token=b26v89c19zqg8o3fpzbkk"));
        Assert.That(requests[2].PathAndQuery, Does.Contain("since_id=1865000000000000005"), "the next poll asks only for what is newer");
        Assert.That(requests.Select(r => r.Authorization), Has.All.EqualTo("Bearer x-bearer"));
        Assert.That(Positions(connector)["acme -is:retweet"], Is.EqualTo("1865000000000000005"));
    }

    [Test]
    public async Task X_rate_limit_reset_is_waited_for_when_nothing_remains()
    {
        await using var fake = await FakePages.StartAsync();
        var first = true;
        var limitedAt = DateTime.MinValue;
        fake.Answer = request =>
        {
            if (first)
            {
                first = false;
                limitedAt = DateTime.UtcNow;
                request.HttpContext.Response.Headers["x-rate-limit-remaining"] = "0";
                request.HttpContext.Response.Headers["x-rate-limit-reset"] = DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                return (StatusCodes.Status429TooManyRequests, "application/json", "{\"title\":\"Too Many Requests\",\"status\":429}");
            }
            return Json(Fixture("x", "empty.json"));
        };
        var settings = new ConnectorSettings
        {
            Source = "x", Organisation = "test-org", Endpoint = fake.Address, Targets = ["acme"], Token = "x-bearer", Brands = { ["acme"] = "acme" },
        };
        await using var connector = new ConnectorHarness(settings);

        await Eventually.ReturnsAsync(() => fake.Requests.Count, n => n >= 2, because: "a request after the reset");

        var retried = fake.Requests.ElementAt(1).At;
        // The reset is a whole Unix second: at least 2 s after the 429, against 0.5 to 1 s of the first backoff.
        Assert.That(retried - limitedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)));
        Assert.That(fake.Requests.First().PathAndQuery, Does.Contain("start_time="), "a first poll reads back the backfill window");
    }

    [Test]
    public async Task Reddit_listings_become_posts_and_comments_after_the_stored_position()
    {
        await using var fake = await FakePages.StartAsync();
        fake.Answer = request => request.Path == "/r/acme/new.json" ? Json(Fixture("reddit", "new.json")) : (404, "text/plain", "");
        var settings = new ConnectorSettings
        {
            Source = "reddit", Organisation = "test-org", Endpoint = fake.Address, Targets = ["r/acme"], Brands = { ["acme"] = "acme" },
            PollInterval = TimeSpan.FromSeconds(1),
        };
        await using var connector = new ConnectorHarness(settings, cursors: await PositionAsync("reddit", "r/acme", "1796630400"));

        var stored = await Eventually.ReturnsAsync(() => connector.Intake.Stored, s => s.Count == 2, because: "the post and the comment naming Acme");
        await Eventually.ReturnsAsync(() => fake.Requests.Count, n => n >= 2, because: "a second poll");

        var post = stored["reddit:t3_1h9abc:acme"];
        Assert.That(post.Text, Is.EqualTo("Acme lost my parcel\nOrdered on the 10th, tracking stuck since."));
        Assert.That(post.Author!.Handle, Is.EqualTo("parcel_waiter"));
        Assert.That(post.Url, Is.EqualTo("https://www.reddit.com/r/acme/comments/1h9abc/acme_lost_my_parcel/"));
        Assert.That(post.PublishedAt, Is.EqualTo("2026-12-07T08:05:00.0000000Z"));
        Assert.That(post.ReplyTo, Is.Null);
        var comment = stored["reddit:t1_m1xyz:acme"];
        Assert.That(comment.ReplyTo, Is.EqualTo("t3_1h9abc"));
        Assert.That(comment.PublishedAt, Is.EqualTo("2026-12-07T08:06:00.5000000Z"));
        Assert.That(stored.Keys, Has.None.Contains("t3_1h8old"), "older than the stored position");
        Assert.That(connector.Intake.Stored, Has.Count.EqualTo(2), "the second poll stored nothing again");
        Assert.That(connector.Log.Lines, Has.Some.Contains("malformed reddit item"));
        Assert.That(Positions(connector)["r/acme"], Is.EqualTo("1796630760.5"));
    }

    [Test]
    public async Task YouTube_comment_threads_are_paged_until_the_stored_position()
    {
        await using var fake = await FakePages.StartAsync();
        fake.Answer = request =>
        {
            if (request.Path != "/youtube/v3/commentThreads" || request.Query["videoId"] != "dQw4acme01" || request.Query["key"] != "yt-key") return (400, "text/plain", "");
            return request.Query["pageToken"] == "QURTSl9pMk" ? Json(Fixture("youtube", "page2.json")) : Json(Fixture("youtube", "page1.json"));
        };
        var settings = new ConnectorSettings
        {
            Source = "youtube", Organisation = "test-org", Endpoint = fake.Address, Targets = ["video:dQw4acme01"], Token = "yt-key",
            Brands = { ["acme"] = "acme" }, PollInterval = TimeSpan.FromSeconds(30),
        };
        await using var connector = new ConnectorHarness(settings, cursors: await PositionAsync("youtube", "video:dQw4acme01", "2026-12-07T00:00:00.0000000Z"));

        var stored = await Eventually.ReturnsAsync(() => connector.Intake.Stored, s => s.Count == 3, because: "the two comments and the reply naming Acme since the position");
        await Eventually.ReturnsAsync(() => connector.Cursors.Current!.Seen, n => n == 7, because: "four threads and three replies");

        var first = stored["youtube:UgzComment0001:acme"];
        Assert.That(first.Author!.Handle, Is.EqualTo("@waiting_customer"));
        Assert.That(first.Url, Is.EqualTo("https://www.youtube.com/watch?v=dQw4acme01&lc=UgzComment0001"));
        Assert.That(first.PublishedAt, Is.EqualTo("2026-12-07T08:10:00.0000000Z"));
        Assert.That(stored["youtube:UgzComment0003:acme"].Author!.Handle, Is.EqualTo("UCkarim"), "no display name: the channel id");
        Assert.That(stored.Keys, Has.None.Contains("UgzComment0004"), "older than the stored position");
        var reply = stored["youtube:UgzComment0001.R1:acme"];
        Assert.That(reply.ReplyTo, Is.EqualTo("UgzComment0001"), "a reply answers its thread's top-level comment");
        Assert.That(reply.Author!.Handle, Is.EqualTo("@another_one"));
        Assert.That(stored.Keys, Has.None.Contains("UgzComment0001.R0"), "a reply older than the stored position");
        Assert.That(fake.Requests.Count(r => r.PathAndQuery.Contains("pageToken=QURTSl9pMz", StringComparison.Ordinal)), Is.Zero, "page 2 reached the position: no page 3");
        Assert.That(Positions(connector)["video:dQw4acme01"], Is.EqualTo("2026-12-07T08:20:00.0000000Z"), "the newest comment or reply read");
    }
}
