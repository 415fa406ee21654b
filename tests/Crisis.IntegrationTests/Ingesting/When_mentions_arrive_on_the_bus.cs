using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crisis.Contracts.Mentions;
using Crisis.IntegrationTests.Running;
using MassTransit;
using RabbitMQ.Client;

namespace Crisis.IntegrationTests.Ingesting;

public class When_mentions_arrive_on_the_bus : IntegrationSpec
{
    private IBusControl bus = null!;
    private IConnection rabbit = null!;

    [OneTimeSetUp]
    public async Task ConnectAsync()
    {
        bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestServers.RabbitMq));
        await bus.StartAsync();
        rabbit = await new ConnectionFactory { Uri = TestServers.RabbitMq }.CreateConnectionAsync();
    }

    [OneTimeTearDown]
    public async Task DisconnectAsync()
    {
        await bus.StopAsync();
        await rabbit.CloseAsync();
        rabbit.Dispose();
    }

    [SetUp]
    public async Task PurgeRejectedAsync()
    {
        // Declared as MassTransit declares it on first send; leftovers of an earlier test must not be read as ours.
        using var channel = await rabbit.CreateChannelAsync();
        await channel.QueueDeclareAsync(MentionQueues.Rejected, durable: true, exclusive: false, autoDelete: false);
        await channel.QueuePurgeAsync(MentionQueues.Rejected);
    }

    private static MentionObserved Observed(string brand, string postId, string? text = "Acme m'a facturé deux fois") => new()
    {
        Platform = "facebook",
        PostId = postId,
        BrandId = brand,
        Author = new MentionAuthor { Handle = "fan" + postId, Followers = 12 },
        Text = text,
        PublishedAt = DateTimeOffset.UtcNow.AddMinutes(-3).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// As a connector does: publish, and let the broker route to the intake's quorum queue. (Sending to
    /// "queue:crisis-mentions" would make MassTransit redeclare it as a classic queue, which RabbitMQ refuses.)
    /// </summary>
    private async Task SendAsync(params MentionObserved[] mentions)
    {
        foreach (var mention in mentions) await bus.Publish(mention);
    }

    [Test]
    public async Task A_mention_sent_twice_is_stored_once()
    {
        await RegisterBrandAsync("acme");
        await SendAsync(Observed("acme", "b1"), Observed("acme", "b1"), Observed("acme", "b2"));

        await Eventually.ReturnsAsync(MentionKeysAsync, n => n == 2, because: "both distinct mentions to be stored");
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task An_invalid_mention_is_dead_lettered_with_its_reason_and_the_rest_is_stored()
    {
        await RegisterBrandAsync("acme");

        await SendAsync(Observed("acme", "ok"), Observed("acme", "bad", text: "   "));

        await Eventually.ReturnsAsync(MentionKeysAsync, n => n == 1, because: "the valid mention to be stored");
        var rejected = await Eventually.ReturnsAsync(GetRejectedAsync, body => body is not null, because: "the dead letter");
        var message = JsonDocument.Parse(rejected!).RootElement.GetProperty("message");
        Assert.That(message.GetProperty("mention").GetProperty("postId").GetString(), Is.EqualTo("bad"));
        Assert.That(message.GetProperty("reasons")[0].GetProperty("field").GetString(), Is.EqualTo("text"));
        Assert.That(message.GetProperty("reasons")[0].GetProperty("reason").GetString(), Is.EqualTo("is empty"));
    }

    [Test]
    public async Task A_connector_mapped_to_an_organisation_sends_only_for_its_brands()
    {
        await RegisterBrandAsync("acme");
        using (var other = Host.ClientFor("other-org", "olga"))
        using (var registered = await other.PostAsJsonAsync("/api/brands", new { id = "theirbrand", name = "Theirs" }))
        {
            Assert.That(registered.IsSuccessStatusCode, Is.True);
        }
        // The test host maps this RabbitMQ user to test-org (HostProcess); RabbitMQ checks the user-id is the connection's.
        var user = TestServers.RabbitMq.UserInfo.Split(':')[0];
        foreach (var mention in new[] { Observed("acme", "mine"), Observed("theirbrand", "theirs") })
        {
            await bus.Publish(mention, context =>
            {
                if (context.TryGetPayload<RabbitMqSendContext>(out var rabbitContext)) rabbitContext.BasicProperties.UserId = user;
            });
        }

        await Eventually.ReturnsAsync(MentionKeysAsync, n => n == 1, because: "its own brand's mention to be stored");
        var rejected = await Eventually.ReturnsAsync(GetRejectedAsync, body => body is not null, because: "the other organisation's mention dead-lettered");
        var message = JsonDocument.Parse(rejected!).RootElement.GetProperty("message");
        Assert.Multiple(() =>
        {
            Assert.That(message.GetProperty("mention").GetProperty("postId").GetString(), Is.EqualTo("theirs"));
            Assert.That(message.GetProperty("reasons")[0].GetProperty("field").GetString(), Is.EqualTo("brandId"));
        });
        Assert.That(await MentionsInEventsAsync(), Is.EqualTo(1));
    }

    private async Task<string?> GetRejectedAsync()
    {
        await using var channel = await rabbit.CreateChannelAsync();
        try
        {
            var result = await channel.BasicGetAsync(MentionQueues.Rejected, autoAck: true);
            return result is null ? null : Encoding.UTF8.GetString(result.Body.Span);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return null;
        }
    }
}
