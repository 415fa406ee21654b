using System.Security.Claims;
using Crisis.ServiceDefaults.Security.Authorizing;

namespace Crisis.Ingestion.Tests.Securing;

public class The_role_ladder
{
    [TestCase("viewer", "viewer", true)]
    [TestCase("viewer", "responder", false)]
    [TestCase("responder", "viewer", true)]
    [TestCase("responder", "incident-lead", false)]
    [TestCase("incident-lead", "responder", true)]
    [TestCase("incident-lead", "admin", false)]
    [TestCase("admin", "incident-lead", true)]
    [TestCase("admin", "viewer", true)]
    public void Grants_a_role_and_every_role_below_it(string held, string required, bool granted) =>
        Assert.That(CrisisRoles.Grants([held], required), Is.EqualTo(granted));

    [Test]
    public void Unknown_or_differently_cased_roles_grant_nothing()
    {
        Assert.That(CrisisRoles.Grants(["superuser", "Admin", "ADMIN", ""], CrisisRoles.Viewer), Is.False);
        Assert.That(CrisisRoles.Grants([], CrisisRoles.Viewer), Is.False);
    }

    [Test]
    public void Any_one_held_role_suffices() =>
        Assert.That(CrisisRoles.Grants(["superuser", "responder"], CrisisRoles.Responder), Is.True);

    [Test]
    public void Asking_for_an_unknown_role_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => CrisisRoles.Grants(["admin"], "owner"));
}

public class The_operator_role
{
    [Test]
    public void Is_off_the_ladder_no_organisation_role_reaches_it_and_it_reaches_none()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CrisisRoles.IsKnown(CrisisRoles.Operator), Is.True, "a token may carry it");
            Assert.That(CrisisRoles.Ladder, Does.Not.Contain(CrisisRoles.Operator));
            Assert.That(CrisisRoles.All, Does.Contain(CrisisRoles.Operator));
            Assert.That(CrisisRoles.Grants([CrisisRoles.Operator], CrisisRoles.Viewer), Is.False, "it reads no organisation's data");
        });
    }
}

public class A_callers_organisation
{
    private static ClaimsPrincipal With(params string[] organisations) =>
        new(new ClaimsIdentity(organisations.Select(o => new Claim(Caller.OrganisationClaim, o)).Append(new Claim(Caller.NameClaim, "mallory")), "test"));

    [Test]
    public void Is_the_one_the_credential_names() => Assert.That(With("acme-corp").Organisation(), Is.EqualTo("acme-corp"));

    [Test]
    public void Is_none_when_the_credential_names_several_so_every_policy_stays_closed()
    {
        Assert.Multiple(() =>
        {
            Assert.That(With("attacker-org", "acme-corp").Organisation(), Is.Null);
            Assert.That(With("acme-corp", "acme-corp").Organisation(), Is.Null, "one 'org' claim, not several");
            Assert.That(With().Organisation(), Is.Null);
            Assert.That(With("").Organisation(), Is.Null);
        });
    }
}
