using Crisis.ServiceDefaults.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Crisis.Ingestion.Tests.ConsumingFromBus;

/// <summary>The shared retry policy on a real (in-memory) MassTransit pipeline: outages wait, bad messages fault.</summary>
public class When_a_consumer_retries
{
    public sealed record Work(string Id, string Failure, int Times);

    /// <summary>Fails as told, a number of times per message, then succeeds.</summary>
    public sealed class FlakyConsumer : IConsumer<Work>
    {
        private static readonly Dictionary<string, int> Attempts = new(StringComparer.Ordinal);

        public static int AttemptsOf(string id)
        {
            lock (Attempts) return Attempts.GetValueOrDefault(id);
        }

        public Task Consume(ConsumeContext<Work> context)
        {
            int attempt;
            lock (Attempts) attempt = Attempts[context.Message.Id] = Attempts.GetValueOrDefault(context.Message.Id) + 1;
            if (attempt > context.Message.Times) return Task.CompletedTask;
            throw context.Message.Failure switch
            {
                "outage" => new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
                _ => new ArgumentException("the message is invalid"),
            };
        }
    }

    public sealed class FlakyConsumerDefinition : ConsumerDefinition<FlakyConsumer>
    {
        protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<FlakyConsumer> consumerConfigurator, IRegistrationContext context) =>
            endpointConfigurator.UseCrisisRetry(retry => retry.Immediate(2));
    }

    private static async Task<ITestHarness> StartAsync(ServiceProvider provider)
    {
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestTimeout = TimeSpan.FromSeconds(30);
        harness.TestInactivityTimeout = TimeSpan.FromSeconds(2);
        await harness.Start();
        return harness;
    }

    private static ServiceProvider Provider() => new ServiceCollection()
        .AddMassTransitTestHarness(bus => bus.AddConsumer<FlakyConsumer, FlakyConsumerDefinition>())
        .BuildServiceProvider(true);

    [Test]
    public async Task An_outage_longer_than_the_message_s_own_retries_is_waited_out_not_dead_lettered()
    {
        await using var provider = Provider();
        var harness = await StartAsync(provider);

        // Four transient failures (about 8 s of back-off): more than the three attempts a bad message gets, yet it is consumed.
        await harness.Bus.Publish(new Work("outage-1", "outage", Times: 4));

        Assert.That(await harness.Consumed.Any<Work>(m => m.Context.Message.Id == "outage-1"), Is.True);
        await harness.InactivityTask;
        Assert.Multiple(() =>
        {
            Assert.That(FlakyConsumer.AttemptsOf("outage-1"), Is.EqualTo(5), "four failures, then the success");
            Assert.That(harness.Published.Select<Fault<Work>>().Any(), Is.False, "no fault: nothing went to the error queue");
        });
    }

    [Test]
    public async Task An_invalid_message_faults_after_its_own_retries_with_its_reason()
    {
        await using var provider = Provider();
        var harness = await StartAsync(provider);

        await harness.Bus.Publish(new Work("bad-1", "invalid", Times: 100));

        Assert.That(await harness.Published.Any<Fault<Work>>(), Is.True);
        var fault = harness.Published.Select<Fault<Work>>().First().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(FlakyConsumer.AttemptsOf("bad-1"), Is.EqualTo(3), "the first attempt and two retries");
            Assert.That(fault.Exceptions[0].Message, Is.EqualTo("the message is invalid"));
        });
    }
}
