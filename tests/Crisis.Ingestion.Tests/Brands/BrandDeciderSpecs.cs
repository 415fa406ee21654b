using Crisis.Ingestion.Brands;
using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.Ingestion.Tests.Brands;

public class When_registering_a_brand
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly RegisterBrand Register = new("acme", "Acme", "acme-corp", "alice", Now);

    [Test]
    public void A_new_brand_is_registered()
    {
        var events = BrandDecider.Decide(Register, BrandDecider.Instance.Initial);

        Assert.That(events, Is.EqualTo(new[] { new BrandRegistered("acme", "Acme", "acme-corp", "alice", Now) }));
    }

    [Test]
    public void Registering_it_again_the_same_way_changes_nothing()
    {
        var state = BrandDecider.Instance.Fold([new BrandRegistered("acme", "Acme", "acme-corp", "bob", Now.AddDays(-1))]);

        Assert.That(BrandDecider.Decide(Register, state), Is.Empty);
    }

    [Test]
    public void Registering_the_id_with_another_name_is_refused()
    {
        var state = BrandDecider.Instance.Fold([new BrandRegistered("acme", "Acme Inc", "acme-corp", "bob", Now)]);

        Assert.That(() => BrandDecider.Decide(Register, state),
            Throws.TypeOf<DomainRefusalException>().With.Message.Contains("already registered"));
    }
}
