using Crisis.Cli.Streaming;

namespace Crisis.IntegrationTests.Streaming;

/// <summary>The demo's accelerated stream: pure, so no server is needed.</summary>
public class When_mentions_are_streamed_at_accelerated_time
{
    private static readonly DateTimeOffset From = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A wall clock far ahead of the stream: only the acceleration limits it.</summary>
    private static readonly DateTimeOffset Far = From.AddYears(1);

    private static StreamSchedule Schedule(params int[] minutesFromStart) =>
        new(minutesFromStart.Select(m => new TimedLine(From.AddMinutes(m), $"{{\"m\":{m}}}")), From, speed: 60);

    [Test]
    public void Mentions_published_before_the_accelerated_part_are_the_backlog_sent_at_once()
    {
        var schedule = Schedule(-90, -1, 0, 5);

        Assert.That(schedule.TakeBacklog().Select(l => l.Json), Is.EqualTo(new[] { "{\"m\":-90}", "{\"m\":-1}" }));
        Assert.That(schedule.Sent, Is.EqualTo(2));
    }

    [Test]
    public void At_60x_a_second_of_wall_time_releases_a_minute_of_publication_time_in_order()
    {
        var schedule = Schedule(3, 0, 1, 2);
        schedule.TakeBacklog();

        Assert.That(schedule.TakeDue(TimeSpan.FromSeconds(1), Far).Select(l => l.Json), Is.EqualTo(new[] { "{\"m\":0}", "{\"m\":1}" }));
        Assert.That(schedule.TakeDue(TimeSpan.FromSeconds(1), Far), Is.Empty, "nothing is sent twice");
        Assert.That(schedule.TakeDue(TimeSpan.FromSeconds(2.5), Far).Select(l => l.Json), Is.EqualTo(new[] { "{\"m\":2}" }));
        Assert.That(schedule.Done, Is.False);
        Assert.That(schedule.TakeDue(TimeSpan.FromSeconds(3), Far).Select(l => l.Json), Is.EqualTo(new[] { "{\"m\":3}" }));
        Assert.That(schedule.Done, Is.True);
    }

    [Test]
    public void Once_caught_up_with_the_clock_it_goes_on_in_real_time_never_sending_from_the_future()
    {
        var schedule = Schedule(0, 2, 3, 4);
        var now = From.AddMinutes(2.5);

        Assert.That(schedule.TakeDue(TimeSpan.FromSeconds(10), now).Select(l => l.Json), Is.EqualTo(new[] { "{\"m\":0}", "{\"m\":2}" }),
            "ten seconds at 60x would reach minute 10, but the clock says 2.5");
        Assert.That(schedule.TakeDue(TimeSpan.FromSeconds(70), now.AddMinutes(1)).Select(l => l.Json), Is.EqualTo(new[] { "{\"m\":3}" }));
    }

    [Test]
    public void A_line_without_a_publication_time_is_an_error_naming_its_line()
    {
        using var reader = new StringReader("{\"publishedAt\":\"2026-03-02T10:00:00Z\"}\n\n{\"text\":\"no time\"}\n");

        var error = Assert.Throws<FormatException>(() => StreamSchedule.Read(reader));

        Assert.That(error!.Message, Does.StartWith("line 3:"));
    }

    [Test]
    public void A_line_that_is_not_json_is_an_error_naming_its_line()
    {
        using var reader = new StringReader("{oops\n");

        Assert.That(() => StreamSchedule.Read(reader), Throws.TypeOf<FormatException>().With.Message.StartsWith("line 1:"));
    }
}
