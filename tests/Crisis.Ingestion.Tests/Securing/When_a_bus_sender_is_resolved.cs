using Crisis.Ingestion.ConsumingFromBus;

namespace Crisis.Ingestion.Tests.Securing;

public class When_a_bus_sender_is_resolved
{
    private static BusSenderSettings Settings(bool requireSender) => new()
    {
        Organisations = new Dictionary<string, string> { ["acme-connector"] = "acme-corp" },
        RequireSender = requireSender,
    };

    [Test]
    public void A_mapped_connector_speaks_for_its_organisation()
    {
        Assert.That(BusSender.Resolve("acme-connector", Settings(requireSender: true)), Is.EqualTo(new BusSender("acme-corp", null)));
    }

    [Test]
    public void Without_the_requirement_an_unmapped_or_anonymous_sender_is_trusted_with_every_brand()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BusSender.Resolve(null, Settings(requireSender: false)), Is.EqualTo(new BusSender(null, null)));
            Assert.That(BusSender.Resolve("operator", Settings(requireSender: false)), Is.EqualTo(new BusSender(null, null)));
        });
    }

    [Test]
    public void With_the_requirement_an_unmapped_or_anonymous_sender_is_refused_saying_why()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BusSender.Resolve(null, Settings(requireSender: true)).Refusal, Does.Contain("user-id"));
            Assert.That(BusSender.Resolve("stranger", Settings(requireSender: true)).Refusal, Does.Contain("'stranger'"));
        });
    }
}
