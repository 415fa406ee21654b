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
