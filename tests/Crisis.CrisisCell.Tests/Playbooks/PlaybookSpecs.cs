using Crisis.CrisisCell.Playbooks;

namespace Crisis.CrisisCell.Tests.Playbooks;

public class When_the_default_playbook_loads
{
    private static readonly Playbook Default = DefaultPlaybook.For("acme-org");

    [Test]
    public void It_follows_the_doctrine_respond_be_transparent_acknowledge() =>
        Assert.That(Default.Stages.Select(s => s.Name), Is.EqualTo(new[] { "Respond", "Be transparent", "Acknowledge" }));

    [Test]
    public void The_first_response_is_due_within_thirty_minutes_of_detection() =>
        Assert.That(Default.Stages[0].DeadlineAfterDetection, Is.EqualTo(TimeSpan.FromMinutes(30)));

    [Test]
    public void It_belongs_to_the_organisation_asking() =>
        Assert.That(Default.OrganisationId, Is.EqualTo("acme-org"));

    [Test]
    public void The_first_stage_asks_for_a_simple_message_and_to_measure_scope_before_saying_more() =>
        Assert.That(Default.Stages[0].Checklist.Select(i => i.Id), Does.Contain("first-message").And.Contain("measure-scope"));

    [Test]
    public void Keeping_the_origin_online_carries_the_streisand_warning() =>
        Assert.That(Default.Stages[1].Checklist.Single(i => i.Id == "keep-origin-online").Warning ?? "", Does.Contain("Streisand"));

    [Test]
    public void Every_stage_has_guidance_and_a_checklist() =>
        Assert.That(Default.Stages.All(s => s.Guidance.Length > 0 && s.Checklist.Count > 0), Is.True);
}

public class When_an_organisation_supplies_its_playbook
{
    private const string Valid = """
        {
          "organisationId": "acme-org",
          // comments are allowed: operators annotate their playbooks
          "stages": [
            { "id": "respond", "name": "Respond", "deadlineMinutes": 15, "checklist": [ { "id": "hello", "text": "Say hello" } ] },
            { "id": "explain", "name": "Explain", "deadlineMinutes": 90.5 }
          ]
        }
        """;

    [Test]
    public void A_valid_file_gives_the_stages_in_order()
    {
        var playbook = PlaybookJson.Parse(Valid);

        Assert.Multiple(() =>
        {
            Assert.That(playbook.OrganisationId, Is.EqualTo("acme-org"));
            Assert.That(playbook.Stages.Select(s => s.Id), Is.EqualTo(new[] { "respond", "explain" }));
            Assert.That(playbook.Stages[1].DeadlineAfterDetection, Is.EqualTo(TimeSpan.FromMinutes(90.5)));
            Assert.That(playbook.Stages[1].Checklist, Is.Empty);
            Assert.That(playbook.Stages[0].Checklist.Single(), Is.EqualTo(new ChecklistItem("hello", "Say hello")));
        });
    }

    [TestCase("""not json""", "$")]
    [TestCase("""[]""", "$")]
    [TestCase("""{ "stages": [ { "id": "a", "name": "A", "deadlineMinutes": 5 } ] }""", "organisationId")]
    [TestCase("""{ "organisationId": " ", "stages": [ { "id": "a", "name": "A", "deadlineMinutes": 5 } ] }""", "organisationId")]
    [TestCase("""{ "organisationId": "o" }""", "stages")]
    [TestCase("""{ "organisationId": "o", "stages": [] }""", "stages")]
    [TestCase("""{ "organisationId": "o", "stages": [ 3 ] }""", "stages[0]")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "name": "A", "deadlineMinutes": 5 } ] }""", "stages[0].id")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "id": 7, "name": "A", "deadlineMinutes": 5 } ] }""", "stages[0].id")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "id": "a", "deadlineMinutes": 5 } ] }""", "stages[0].name")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "id": "a", "name": "A" } ] }""", "stages[0].deadlineMinutes")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "id": "a", "name": "A", "deadlineMinutes": "30" } ] }""", "stages[0].deadlineMinutes")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "id": "a", "name": "A", "deadlineMinutes": 0 } ] }""", "stages[0].deadlineMinutes")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "id": "a", "name": "A", "deadlineMinutes": -10 } ] }""", "stages[0].deadlineMinutes")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "id": "a", "name": "A", "deadlineMinutes": 60 }, { "id": "b", "name": "B", "deadlineMinutes": 30 } ] }""", "stages[1].deadlineMinutes")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "id": "a", "name": "A", "deadlineMinutes": 5 }, { "id": "a", "name": "B", "deadlineMinutes": 30 } ] }""", "stages[1].id")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "id": "a", "name": "A", "deadlineMinutes": 5, "checklist": {} } ] }""", "stages[0].checklist")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "id": "a", "name": "A", "deadlineMinutes": 5, "checklist": [ { "id": "x" } ] } ] }""", "stages[0].checklist[0].text")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "id": "a", "name": "A", "deadlineMinutes": 5, "checklist": [ { "text": "t" } ] } ] }""", "stages[0].checklist[0].id")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "id": "a", "name": "A", "deadlineMinutes": 5, "checklist": [ { "id": "x", "text": "t" }, { "id": "x", "text": "u" } ] } ] }""", "stages[0].checklist[1].id")]
    [TestCase("""{ "organisationId": "o", "stages": [ { "id": "a", "name": "A", "deadlineMinutes": 5, "checklist": [ { "id": "x", "text": "t", "warning": 1 } ] } ] }""", "stages[0].checklist[0].warning")]
    public void An_invalid_file_is_refused_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<PlaybookValidationException>(() => PlaybookJson.Parse(json));

        Assert.That(error!.Field, Is.EqualTo(field));
        Assert.That(error.Message, Does.StartWith($"playbook field '{field}'"));
    }
}
