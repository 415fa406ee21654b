using Crisis.Connectors.Configuring;
using Crisis.Connectors.Tests.Fakes;

namespace Crisis.Connectors.Tests.Sources;

[Parallelizable(ParallelScope.None)]
public class When_a_connector_follows_the_jetstream
{
    private static readonly string Fixture = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "jetstream", "events.ndjson");

    private static ConnectorSettings Settings(FakeJetstream fake, string query = "acme", int batchSize = 50) => new()
    {
        Source = "bluesky",
        Organisation = "test-org",
        Endpoint = fake.Endpoint,
        Brands = { ["acme"] = query },
        BatchSize = batchSize,
        FlushInterval = TimeSpan.FromMilliseconds(100),
    };

    [Test]
    public async Task Each_post_of_a_brand_becomes_one_mention_with_what_the_platform_gives()
    {
        await using var fake = await FakeJetstream.StartAsync(await File.ReadAllLinesAsync(Fixture));
        // The fixture's frames are from 2025-12-07 08:00Z: a connector that stopped just before them.
        var cursors = new InMemoryCursors();
        await cursors.SaveAsync("spec", "bluesky", "test-org", "1765094400000000", default, DateTimeOffset.UtcNow, null, null, CancellationToken.None);
        await using var connector = new ConnectorHarness(Settings(fake, "acme OR @acme.bsky.social OR أكمي"), cursors: cursors);

        var stored = await Eventually.ReturnsAsync(() => connector.Intake.Stored, s => s.Count == 3, because: "the three posts that mention Acme");
        await Eventually.ReturnsAsync(() => connector.Cursors.Current?.Position, p => p == "1765094400000010", because: "the cursor to reach the last frame");

        var french = stored["bluesky:at://did:plc:eygmaihciaxprqvxpfvl6flk/app.bsky.feed.post/3lcq2ogrtwc2b:acme"];
        Assert.That(french.Author!.Handle, Is.EqualTo("did:plc:eygmaihciaxprqvxpfvl6flk"));
        Assert.That(french.Author.Followers, Is.Null, "the Jetstream does not carry reach");
        Assert.That(french.Text, Does.StartWith("Encore une livraison Acme"));
        Assert.That(french.Language, Is.EqualTo("fr"));
        Assert.That(french.PublishedAt, Is.EqualTo("2025-12-07T08:00:00.0000000Z"));
        Assert.That(french.Url, Is.EqualTo("https://bsky.app/profile/did:plc:eygmaihciaxprqvxpfvl6flk/post/3lcq2ogrtwc2b"));
        Assert.That(french.ReplyTo, Is.Null);
        var reply = stored["bluesky:at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3lcq2ohcrck2b:acme"];
        Assert.That(reply.ReplyTo, Is.EqualTo("at://did:plc:eygmaihciaxprqvxpfvl6flk/app.bsky.feed.post/3lcq2ogrtwc2b"));
        Assert.That(reply.Language, Is.EqualTo("en"));
        var arabic = stored["bluesky:at://did:plc:l3rouwludahu3ui3bt66mfvj/app.bsky.feed.post/3lcq2ojmyw22b:acme"];
        Assert.That(arabic.Language, Is.EqualTo("ar"), "the first declared language");
        Assert.That(connector.Intake.Organisation, Is.EqualTo("test-org"));

        var cursor = connector.Cursors.Current!;
        Assert.That(cursor.Malformed, Is.EqualTo(2), "the line that is not JSON and the post without text");
        Assert.That(fake.Connections.Single().Cursor, Is.EqualTo(1765094400000000L));
        Assert.That(cursor.Seen, Is.EqualTo(9), "every other frame, the duplicate included");
        Assert.That(connector.Intake.Received, Is.EqualTo(4), "the duplicate frame was sent again and absorbed by the intake");
        Assert.That(connector.Log.Lines.Count(l => l.Contains("malformed Jetstream event", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(connector.Log.Lines, Has.Some.Contains("this is not json"), "the log shows what was skipped");
    }

    [Test]
    public async Task A_connection_cut_mid_stream_resumes_from_the_committed_position_losing_and_doubling_nothing()
    {
        var createdFrom = DateTimeOffset.UtcNow.AddHours(-1);
        await using var fake = await FakeJetstream.StartAsync(JetstreamFrames.Posts(2000, mentionEvery: 10, createdFrom));
        fake.DropNextAfter(700);
        await using var connector = new ConnectorHarness(Settings(fake));

        var stored = await Eventually.ReturnsAsync(() => connector.Intake.Stored, s => s.Count == 200, because: "every mention of the 2000 frames");

        Assert.That(stored.Values.Select(m => m.PostId), Is.EquivalentTo(JetstreamFrames.MentioningIds(2000, 10)));
        var connections = fake.Connections.ToArray();
        Assert.That(connections, Has.Length.EqualTo(2));
        Assert.That(connections[1].Cursor, Is.GreaterThan(JetstreamFrames.FirstTimeUs).And.LessThanOrEqualTo(JetstreamFrames.FirstTimeUs + 699 * 1000),
            "the second connection resumed from the last committed frame, not from the start");
        await Eventually.ReturnsAsync(() => connector.Cursors.Current!.Position, p => p == (JetstreamFrames.FirstTimeUs + 1999 * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(connector.Cursors.Current!.Reconnects, Is.EqualTo(1));
        Assert.That(connector.Log.Lines, Has.Some.Contains("reconnecting from its stored position"));
    }

    [Test]
    public async Task A_429_is_waited_out_for_as_long_as_Retry_After_says()
    {
        await using var fake = await FakeJetstream.StartAsync(JetstreamFrames.Posts(100, mentionEvery: 10, DateTimeOffset.UtcNow.AddHours(-1)));
        fake.RetryAfterSeconds = 3;
        fake.RefuseNext(1);
        await using var connector = new ConnectorHarness(Settings(fake));

        await Eventually.ReturnsAsync(() => connector.Intake.Stored.Count, n => n == 10, because: "the mentions after the wait");

        var refused = fake.Refusals.Single();
        var accepted = fake.Connections.Single().At;
        // Without Retry-After the first reconnection waits 0.5 to 1 s.
        Assert.That(accepted - refused, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2.9)));
        Assert.That(connector.Cursors.Current!.LastError, Does.Contain("429"));
    }

    [Test]
    public async Task A_crash_between_the_intake_commit_and_the_cursor_replays_a_batch_the_intake_absorbs()
    {
        await using var fake = await FakeJetstream.StartAsync(JetstreamFrames.Posts(1000, mentionEvery: 5, DateTimeOffset.UtcNow.AddHours(-1)));
        var intake = new RecordingIntake { CrashAfterCommittingCall = 2 };
        await using var connector = new ConnectorHarness(Settings(fake, batchSize: 20), intake);

        var stored = await Eventually.ReturnsAsync(() => intake.Stored, s => s.Count == 200, because: "every mention");

        Assert.That(stored.Values.Select(m => m.PostId), Is.EquivalentTo(JetstreamFrames.MentioningIds(1000, 5)), "nothing lost, nothing doubled");
        Assert.That(intake.Received, Is.GreaterThan(200), "the batch committed before the crash was sent again");
        Assert.That(fake.Connections, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_connector_stopped_and_started_again_resumes_where_it_stopped()
    {
        await using var fake = await FakeJetstream.StartAsync(JetstreamFrames.Posts(3000, mentionEvery: 10, DateTimeOffset.UtcNow.AddHours(-1)));
        fake.FramesPerSecond = 1000;
        var intake = new RecordingIntake();
        var cursors = new InMemoryCursors();
        var first = new ConnectorHarness(Settings(fake), intake, cursors);
        await Eventually.ReturnsAsync(() => intake.Stored.Count, n => n >= 30, because: "part of the stream");
        await first.DisposeAsync();
        var stoppedAt = cursors.Current!.Position;
        var restartedAt = DateTime.UtcNow;

        await using var second = new ConnectorHarness(Settings(fake), intake, cursors);

        await Eventually.ReturnsAsync(() => intake.Stored.Count, n => n == 300, TimeSpan.FromSeconds(30), because: "the rest of the stream");
        var resumed = fake.Connections.Last();
        Assert.That(resumed.Cursor?.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(stoppedAt));
        Assert.That(resumed.At - restartedAt, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(intake.Stored.Values.Select(m => m.PostId), Is.EquivalentTo(JetstreamFrames.MentioningIds(3000, 10)));
    }
}
