using System.Text.Json;
using Crisis.CrisisCell.Desk.Templating;
using Crisis.ServiceDefaults.EventSourcing;

namespace Crisis.CrisisCell.Tests.Desk;

public class When_a_template_is_written
{
    [Test]
    public void Its_known_placeholders_are_accepted() =>
        Assert.That(TemplateText.Problem("Bonjour {author}, {brand} vous lit : {incident_link}"), Is.Null);

    [Test]
    public void An_unknown_placeholder_is_named_in_the_refusal() =>
        Assert.That(TemplateText.Problem("Bonjour {autor}"), Does.Contain("{autor}"));

    [Test]
    public void Braces_that_are_not_a_name_are_prose() =>
        Assert.That(TemplateText.PlaceholdersOf("a {} b { x } c"), Is.Empty);

    [Test]
    public void Rendering_fills_every_placeholder_once_without_reading_values_as_placeholders()
    {
        var (text, missing) = TemplateText.Render("{author} / {brand} / {author}",
            new Dictionary<string, string?> { ["author"] = "@amina_dz", ["brand"] = "{author}" });

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("@amina_dz / {author} / @amina_dz"));
            Assert.That(missing, Is.Empty);
        });
    }

    [Test]
    public void A_placeholder_without_a_value_is_reported_and_nothing_is_rendered()
    {
        var (text, missing) = TemplateText.Render("voir {incident_link}", new Dictionary<string, string?> { ["incident_link"] = null });

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.Null);
            Assert.That(missing, Is.EqualTo(new[] { "incident_link" }));
        });
    }

    [Test]
    public void Every_stage_has_a_built_in_template_in_every_language_using_only_known_placeholders()
    {
        foreach (var stage in Enum.GetValues<TemplateStage>())
        {
            foreach (var language in TemplateLanguages.All)
            {
                var template = BuiltInTemplates.Find(BuiltInTemplates.IdOf(stage, language));
                Assert.That(template, Is.Not.Null, $"{stage} {language}");
                Assert.That(TemplateText.Problem(template!.Text), Is.Null, template.TemplateId);
            }
        }
    }
}

public class When_an_organisation_saves_its_templates
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly SaveAnswerTemplate Save = new("org-1", "sorry-fr", TemplateStage.Apologise, "fr", "Désolés {author}", "lead", Now);

    private static AnswerTemplateState Given(params AnswerTemplateEvent[] events) => AnswerTemplateDecider.Instance.Fold(events);

    private static string[] Describe(IEnumerable<AnswerTemplateEvent> events) => [.. events.Select(e => $"{e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType())}")];

    private static AnswerTemplateSaved Saved => new("org-1", "sorry-fr", TemplateStage.Apologise, "fr", "Désolés {author}", "lead", Now);

    [Test]
    public void A_new_template_is_saved_with_who_and_when() =>
        Assert.That(Describe(AnswerTemplateDecider.Decide(Save, Given())), Is.EqualTo(Describe([Saved])));

    [Test]
    public void Saving_the_same_words_again_records_nothing() =>
        Assert.That(AnswerTemplateDecider.Decide(Save with { Now = Now.AddHours(1) }, Given(Saved)), Is.Empty);

    [Test]
    public void Changing_the_words_records_a_new_save() =>
        Assert.That(AnswerTemplateDecider.Decide(Save with { Text = "Pardon {author}" }, Given(Saved)).Single(), Is.TypeOf<AnswerTemplateSaved>());

    [TestCase("builtin-apologise-fr", "reserved")]
    public void A_built_in_id_is_refused(string id, string reason) =>
        DeskScenario.AssertRefused(() => AnswerTemplateDecider.Decide(Save with { TemplateId = id }, Given()), DomainRefusalKind.Invalid, reason);

    [Test]
    public void An_unknown_language_is_refused() =>
        DeskScenario.AssertRefused(() => AnswerTemplateDecider.Decide(Save with { Language = "de" }, Given()), DomainRefusalKind.Invalid, "ar-maghreb");

    [Test]
    public void An_unknown_placeholder_is_refused() =>
        DeskScenario.AssertRefused(() => AnswerTemplateDecider.Decide(Save with { Text = "Hi {name}" }, Given()), DomainRefusalKind.Invalid, "{name}");

    [Test]
    public void A_saved_template_is_deleted_once()
    {
        var delete = new DeleteAnswerTemplate("org-1", "sorry-fr", "lead", Now);

        Assert.Multiple(() =>
        {
            Assert.That(AnswerTemplateDecider.Decide(delete, Given(Saved)).Single(), Is.TypeOf<AnswerTemplateDeleted>());
            Assert.That(AnswerTemplateDecider.Decide(delete, Given(Saved, new AnswerTemplateDeleted("org-1", "sorry-fr", "lead", Now))), Is.Empty);
        });
    }

    [Test]
    public void Deleting_a_template_never_saved_is_refused() =>
        DeskScenario.AssertRefused(() => AnswerTemplateDecider.Decide(new DeleteAnswerTemplate("org-1", "nope", "lead", Now), Given()), DomainRefusalKind.Conflict, "does not exist");
}
