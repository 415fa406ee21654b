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

public class When_declaring_a_campaign_window
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly BrandState Registered = BrandDecider.Instance.Fold([new BrandRegistered("acme", "Acme", "acme-corp", "alice", Now)]);
    private static DeclareCampaignWindow Declare(TimeSpan length) => new("acme", "black-friday", "Black Friday", Now, Now + length, "carol", Now);

    [Test]
    public void It_is_recorded_with_who_declared_it()
    {
        var events = BrandDecider.Decide(Declare(TimeSpan.FromDays(3)), Registered);

        Assert.That(events, Is.EqualTo(new[] { new CampaignWindowDeclared("acme", "black-friday", "Black Friday", Now, Now.AddDays(3), "carol", Now) }));
    }

    [Test]
    public void Declaring_it_again_changes_nothing()
    {
        var state = BrandDecider.Instance.Fold([new BrandRegistered("acme", "Acme", "acme-corp", "alice", Now), .. BrandDecider.Decide(Declare(TimeSpan.FromDays(3)), Registered)]);

        Assert.That(BrandDecider.Decide(Declare(TimeSpan.FromDays(3)), state), Is.Empty);
    }

    [Test]
    public void Declaring_the_same_id_with_another_window_is_a_conflict_naming_the_first()
    {
        var state = BrandDecider.Instance.Fold([new BrandRegistered("acme", "Acme", "acme-corp", "alice", Now), .. BrandDecider.Decide(Declare(TimeSpan.FromDays(3)), Registered)]);

        var refused = Assert.Throws<DomainRefusalException>(() => BrandDecider.Decide(Declare(TimeSpan.FromDays(5)), state));

        Assert.That(refused!.Kind, Is.EqualTo(DomainRefusalKind.Conflict));
        Assert.That(refused.Message, Does.Contain("already declared").And.Contain("new id"));
    }

    [Test]
    public void A_window_that_ends_before_it_starts_is_invalid()
    {
        Assert.That(() => BrandDecider.Decide(Declare(TimeSpan.FromHours(-1)), Registered),
            Throws.TypeOf<DomainRefusalException>().With.Property(nameof(DomainRefusalException.Kind)).EqualTo(DomainRefusalKind.Invalid));
    }

    [Test]
    public void A_window_longer_than_a_month_is_invalid()
    {
        Assert.That(() => BrandDecider.Decide(Declare(TimeSpan.FromDays(40)), Registered),
            Throws.TypeOf<DomainRefusalException>().With.Message.Contains("at most 31 days"));
    }

    [Test]
    public void A_window_for_an_unregistered_brand_is_refused()
    {
        Assert.That(() => BrandDecider.Decide(Declare(TimeSpan.FromDays(1)), BrandDecider.Instance.Initial),
            Throws.TypeOf<DomainRefusalException>().With.Message.Contains("not registered"));
    }
}
