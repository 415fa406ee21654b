using System.Text;
using System.Text.Json;
using Crisis.Contracts.Mentions;
using Crisis.IntegrationTests.Running;
using RabbitMQ.Client;

namespace Crisis.IntegrationTests.ReplayingDeadLetters;

/// <summary>
/// <c>crisis dead-letters list|replay</c> against the test broker and the shared host: a message the intake cannot read
/// is dead-lettered with its reason, listed without being lost, and a valid mention left in the error queue (as an
/// outage did before consumers waited them out) is moved back and stored once.
/// </summary>
[NonParallelizable]
public class When_dead_letters_are_listed_and_replayed : IntegrationSpec
{
    private const string ErrorQueue = MentionQueues.Observed + "_error";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private IConnection rabbit = null!;

    [OneTimeSetUp]
    public async Task ConnectAsync() => rabbit = await new ConnectionFactory { Uri = TestServers.RabbitMq }.CreateConnectionAsync();

    [OneTimeTearDown]
    public async Task DisconnectAsync()
    {
        await rabbit.CloseAsync();
        rabbit.Dispose();
    }

    /// <summary>A body the intake cannot deserialize: MassTransit moves it to the error queue at once (nothing to retry).</summary>
    private async Task SendUnreadableAsync()
    {
        await using var channel = await rabbit.CreateChannelAsync();
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = Guid.NewGuid().ToString(), Persistent = true };
        await channel.BasicPublishAsync("", MentionQueues.Observed, mandatory: true, properties, Encoding.UTF8.GetBytes("{\"message\": not json"));
    }

    /// <summary>A valid mention in MassTransit's envelope, left in the error queue with the fault headers an outage wrote.</summary>
    private async Task DeadLetterValidMentionAsync(string postId)
    {
        var envelope = new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:Crisis.Contracts.Mentions:MentionObserved" },
            message = new MentionObserved
            {
                Platform = "facebook",
                PostId = postId,
                BrandId = "acme",
                Author = new MentionAuthor { Handle = "fan" + postId, Followers = 12 },
                Text = "Acme m'a facturé deux fois",
                PublishedAt = DateTimeOffset.UtcNow.AddMinutes(-3).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        await using var channel = await rabbit.CreateChannelAsync();
        var properties = new BasicProperties
        {
            ContentType = "application/vnd.masstransit+json",
            MessageId = envelope.messageId.ToString(),
            Persistent = true,
            Headers = new Dictionary<string, object?>
            {
                ["MT-Reason"] = "fault",
                ["MT-Fault-ExceptionType"] = "Npgsql.NpgsqlException",
                ["MT-Fault-Message"] = "Failed to connect to 127.0.0.1:5432",
                ["MT-Fault-Timestamp"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        await channel.BasicPublishAsync("", ErrorQueue, mandatory: true, properties,
            JsonSerializer.SerializeToUtf8Bytes(envelope, Web));
    }

    private async Task<uint> ErrorCountAsync()
    {
        await using var channel = await rabbit.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(ErrorQueue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    private static async Task<(int Exit, string Out, string Error)> DeadLettersAsync(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var app = new Spectre.Console.Cli.CommandApp();
        app.Configure(config =>
        {
            Crisis.Cli.CrisisCommands.Register(config);
            // Spectre.Console reports bad arguments on its own console, which would otherwise keep the first writer it saw.
            config.Settings.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(error) });
        });
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            string[] broker = args.Contains("--rabbitmq") ? [] : ["--rabbitmq", TestServers.RabbitMq.ToString()];
            var exit = await app.RunAsync(["dead-letters", .. args, .. broker]);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    /// <summary>Leftovers of another test must not be read as ours; the queue appears with the first dead letter.</summary>
    [SetUp]
    public async Task StartWithOneUnreadableDeadLetterAsync()
    {
        await using (var channel = await rabbit.CreateChannelAsync())
        {
            try
            {
                await channel.QueuePurgeAsync(ErrorQueue);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // Not declared yet: the first fault declares it.
            }
        }
        await SendUnreadableAsync();
        await Eventually.ReturnsAsync(ErrorCountAsync, n => n == 1, because: "the unreadable message in the error queue");
    }

    [Test]
    public async Task List_shows_each_dead_letter_with_its_reason_and_keeps_it()
    {
        var (exit, output, error) = await DeadLettersAsync("list", "--queue", MentionQueues.Observed);

        Assert.That(exit, Is.Zero, error);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain($"{ErrorQueue}: 1 message(s)"));
            Assert.That(output, Does.Contain("unknown (not a MassTransit envelope)"));
            Assert.That(output, Does.Match(@"reason: .*\S.*\(.*Exception\)"), "MassTransit's MT-Fault-Message and exception type");
        });
        Assert.That(await ErrorCountAsync(), Is.EqualTo(1u), "listing moves nothing out of the queue");
    }

    [Test]
    public async Task List_reads_as_json_one_row_per_dead_letter()
    {
        var (exit, json, error) = await DeadLettersAsync("list", "--queue", MentionQueues.Observed, "--output", "json");

        Assert.That(exit, Is.Zero, error);
        var letter = System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(letter.GetProperty("queue").GetString(), Is.EqualTo(ErrorQueue));
            Assert.That(letter.GetProperty("queueMessages").GetInt64(), Is.EqualTo(1));
            Assert.That(letter.GetProperty("messageType").GetString(), Is.EqualTo("unknown (not a MassTransit envelope)"));
            Assert.That(letter.GetProperty("exceptionType").GetString(), Does.EndWith("Exception"));
        });
    }

    [Test]
    public async Task Replay_reads_as_csv_one_row_per_message_type()
    {
        var (exit, csv, error) = await DeadLettersAsync("replay", "--queue", ErrorQueue, "--output", "csv");

        Assert.That(exit, Is.Zero, error);
        Assert.That(csv, Is.EqualTo($"from,to,messageType,messages\n{ErrorQueue},{MentionQueues.Observed},unknown (not a MassTransit envelope),1\n"));
    }

    [Test]
    public async Task Replay_moves_the_messages_back_once_and_a_still_invalid_one_returns_with_its_reason()
    {
        await RegisterBrandAsync("acme");
        await DeadLetterValidMentionAsync("replayed-1");
        await Eventually.ReturnsAsync(ErrorCountAsync, n => n == 2, because: "both dead letters counted by the broker");

        var (exit, output, error) = await DeadLettersAsync("replay", "--queue", ErrorQueue);

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain($"replayed 2 message(s) from {ErrorQueue} to {MentionQueues.Observed}"));
        await Eventually.ReturnsAsync(MentionKeysAsync, n => n == 1, because: "the replayed mention to be stored");
        // The unreadable one fails again, at once, and is back with its reason; the valid one is gone from the queue.
        await Eventually.ReturnsAsync(ErrorCountAsync, n => n == 1, because: "the unreadable message back in the error queue");
        var (_, listed, _) = await DeadLettersAsync("list", "--queue", MentionQueues.Observed);
        Assert.That(listed, Does.Not.Contain("MentionObserved"));
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(1));
    }

    [TestCase("--queue is required", "replay", TestName = "replay without --queue exits non-zero saying it is required")]
    [TestCase("--limit must be 1 or more", "replay", "--queue", MentionQueues.Observed, "--limit", "0", TestName = "a replay limit below one exits non-zero")]
    [TestCase("--show must be 0 or more", "list", "--show", "-1", TestName = "a negative --show exits non-zero")]
    [TestCase("--queue must name a queue", "list", "--queue", "two words", TestName = "a queue name with a space exits non-zero")]
    [TestCase("--rabbitmq must be an amqp://", "list", "--rabbitmq", "http://example.org", TestName = "a broker that is not an AMQP URI exits non-zero")]
    [TestCase("--output: 'xml' must be table, json or csv", "list", "--output", "xml", TestName = "an unknown output format exits non-zero naming --output")]
    public async Task Bad_arguments_exit_non_zero_with_a_message(string message, params string[] args)
    {
        var (exit, _, error) = await DeadLettersAsync(args);

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain(message));
    }

    [TestCase("list", TestName = "listing a queue the broker does not have exits 1 naming it")]
    [TestCase("replay", TestName = "replaying a queue the broker does not have exits 1 naming it")]
    public async Task A_queue_the_broker_does_not_have_exits_1_naming_it(string command)
    {
        var (exit, _, error) = await DeadLettersAsync(command, "--queue", "no-such-queue");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("no queue named 'no-such-queue_error'"));
    }
}
