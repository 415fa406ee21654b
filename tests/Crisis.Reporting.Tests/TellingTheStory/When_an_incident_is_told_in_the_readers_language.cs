using System.Text.RegularExpressions;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.Acknowledging;
using Crisis.CrisisCell.Incidents.Opening;
using Crisis.CrisisCell.Incidents.WalkingThePlaybook;
using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.CrisisCell.Playbooks;
using Crisis.Detection.Buzz;
using Crisis.Reporting.TellingTheStory;
using Crisis.Reporting.WritingPostMortems;
using Crisis.ServiceDefaults.Localisation;
using static Crisis.Reporting.Tests.ScriptedBuzz;

namespace Crisis.Reporting.Tests.TellingTheStory;

/// <summary>
/// What <c>crisis incidents</c> prints, and so the demo's summary: what was detected when, who was paged, who has it and
/// what the playbook asks next, in the reader's language and zone, each time saying which clock it was read on.
/// </summary>
public class When_an_incident_is_told_in_the_readers_language
{
    private const string DefaultFirstMessage = "Publish a first simple message: we are listening and we care about what you say";

    // The default playbook's first stage (its shipped English texts) and the scripted buzz's other two.
    private static readonly IReadOnlyList<ScheduledStage> DefaultStages =
    [
        new("respond", "Respond", "", Detected.AddMinutes(30),
            [new ChecklistItem("read-evidence", "Read the evidence: what is said, by whom (reach), where, in which languages, how fast it grows"),
             new ChecklistItem("first-message", DefaultFirstMessage)]),
        .. Stages.Skip(1),
    ];

    private static List<IncidentEvent> Paged(bool acknowledged = true)
    {
        var delivery = new NotificationDelivery("k1", "p1", NotificationKind.Page, 1, "amina", "pager:amina", 1);
        List<IncidentEvent> events =
        [
            Opened() with { Stages = DefaultStages },
            new NotificationDispatching(IncidentId, delivery, "vm/13156/7d82b2f1", At(10, 5, 40)),
            new NotificationSent(IncidentId, delivery, At(10, 6)),
        ];
        if (acknowledged) events.Add(new IncidentAcknowledged(IncidentId, "amina", At(10, 8)));
        events.Add(new ChecklistItemTicked(IncidentId, "respond", "read-evidence", "amina", At(10, 9)));
        return events;
    }

    private static string Tell(string tag, IReadOnlyList<IncidentEvent> events, DateTimeOffset now, string zoneId = "Africa/Algiers")
    {
        Assert.That(UiLanguage.TryParse(tag, out var language), Is.True);
        Assert.That(ViewerZone.TryParse(zoneId, out var zone), Is.True);
        return string.Join('\n', IncidentStory.Tell(events, "Atlas Télécom", now, new ReportReader(language, zone)));
    }

    [Test]
    public void In_english_it_says_what_was_detected_when_who_was_paged_who_has_it_and_what_is_due_next()
    {
        var story = Tell("en", Paged(), At(10, 20));

        Assert.Multiple(() =>
        {
            Assert.That(story, Does.StartWith("Incident inc-1: Bad buzz on Atlas Télécom (brand Atlas Télécom, severity 6, Acknowledged)"));
            Assert.That(story, Does.Contain("Detected 2026-03-02 11:05:00 Africa/Algiers (UTC+01:00) (event time), 5 min after the buzz began at 2026-03-02 11:00:00 Africa/Algiers (UTC+01:00) (event time)."));
            Assert.That(story, Does.Contain("Opened 2026-03-02 11:05:30 Africa/Algiers (UTC+01:00) (wall clock) by detector."));
            Assert.That(story, Does.Contain("Paged amina via pager:amina (on-call level 1, page) at 2026-03-02 11:06:00 Africa/Algiers (UTC+01:00) (wall clock)."));
            Assert.That(story, Does.Contain("Has it: amina, who acknowledged at 2026-03-02 11:08:00 Africa/Algiers (UTC+01:00) (wall clock)."));
            Assert.That(story, Does.Contain("Next in the playbook: “Respond”, due 2026-03-02 11:35 Africa/Algiers (UTC+01:00) (wall clock), in 15 min."));
            Assert.That(story, Does.Contain("Still to do:\n    - " + DefaultFirstMessage + "\n  Times in"), "only the item not yet ticked");
            Assert.That(story, Does.Not.Contain("vm/13156"), "which node claimed the delivery is machinery");
            Assert.That(story, Does.Contain("Times in Africa/Algiers."));
        });
    }

    [Test]
    public void In_french_every_line_is_french_and_the_default_checklist_is_translated()
    {
        var story = Tell("fr-FR", Paged(), At(10, 20));

        Assert.Multiple(() =>
        {
            Assert.That(story, Does.StartWith("Incident inc-1 : Bad buzz sur Atlas Télécom").Or.StartWith("Incident inc-1 : "));
            Assert.That(story, Does.Contain("Détecté le 2026-03-02 11:05:00 Africa/Algiers (UTC+01:00) (heure de publication), 5 min après le début du bad buzz"));
            Assert.That(story, Does.Contain("amina alerté·e par pager:amina (niveau d'astreinte 1, alerte)"));
            Assert.That(story, Does.Contain("Pris en charge par amina le 2026-03-02 11:08:00"));
            Assert.That(story, Does.Contain("Prochaine étape du playbook : « Répondre », due le 2026-03-02 11:35 Africa/Algiers (UTC+01:00) (heure d'enregistrement), dans 15 min."));
            Assert.That(story, Does.Contain("- Publier un premier message simple"));
            Assert.That(EnglishLeft(story, "fr"), Is.Empty, "English left in the French story");
        });
    }

    [Test]
    public void In_arabic_it_uses_arabic_words_and_digits()
    {
        var story = Tell("ar", Paged(acknowledged: false), At(10, 45));

        Assert.Multiple(() =>
        {
            Assert.That(story, Does.Contain("اكتُشفت في \u2066٢٠٢٦-٠٣-٠٢ ١١:٠٥:٠٠ Africa/Algiers (UTC+٠١:٠٠)\u2069 (وقت النشر)، بعد ٥ د من بدء الموجة"));
            Assert.That(story, Does.Contain("لم يتكفّل بها أحد بعد."), "nobody has it yet");
            Assert.That(story, Does.Contain("«الرد»"), "the default stage, in Arabic");
            Assert.That(story, Does.Contain("متأخرة ١٠ د"), "due at 10:35, 10 minutes overdue at 10:45");
            Assert.That(story, Does.Contain("انشر رسالة أولى بسيطة"));
            Assert.That(EnglishLeft(story, "ar"), Is.Empty, "English left in the Arabic story");
        });
    }

    [Test]
    public void An_organisations_own_checklist_wording_stays_as_written()
    {
        var events = Paged();
        events[0] = Opened();

        var story = Tell("fr", events, At(10, 20));

        Assert.That(story, Does.Contain("- Publish a first message"), "the scripted playbook's own text, not the shipped default");
    }

    [Test]
    public void Once_the_playbook_is_walked_it_says_nothing_more_is_asked()
    {
        var story = Tell("en", Events(), At(13, 0), "UTC");

        Assert.Multiple(() =>
        {
            Assert.That(story, Does.Contain("The playbook asks nothing more (Monitoring)."));
            Assert.That(story, Does.Contain("2026-03-02 10:30:00 UTC  Stage advanced — alice: Respond → Be transparent"));
        });
    }

    [TestCase("fr_FR.UTF-8", null, null, "fr")]
    [TestCase("en_GB.UTF-8", "ar_DZ.UTF-8", null, "ar")]
    [TestCase("fr_FR.UTF-8", null, "C.UTF-8", null)]
    [TestCase("de_DE.UTF-8", null, null, null)]
    [TestCase(null, null, null, null)]
    public void The_terminals_language_comes_from_lc_all_lc_messages_then_lang(string? lang, string? messages, string? all, string? expected)
    {
        var variables = new Dictionary<string, string?> { ["LANG"] = lang, ["LC_MESSAGES"] = messages, ["LC_ALL"] = all };

        var language = UiLanguage.FromPosixEnvironment(name => variables.GetValueOrDefault(name));

        Assert.That(language?.Code, Is.EqualTo(expected));
    }

    /// <summary>English pieces of the story's texts (between placeholders) that the language does not share, found in the story.</summary>
    private static List<string> EnglishLeft(string story, string tag)
    {
        Assert.That(UiLanguage.TryParse(tag, out var language), Is.True);
        var catalogue = ReportReader.Catalogue;
        return [.. catalogue.EnglishKeys.Where(k => k.StartsWith("story.", StringComparison.Ordinal) || k.StartsWith("detail.", StringComparison.Ordinal) || k.StartsWith("what.", StringComparison.Ordinal))
            .SelectMany(k => Regex.Split(catalogue.Text(UiLanguage.English, k), @"\{\w+\}").Select(p => p.Trim(' ', ',', ';', ':', '.', '(', ')', '“', '”'))
                .Where(p => p.Count(char.IsLetter) >= 4 && !Regex.IsMatch(Regex.Replace(catalogue.Text(language, k), @"\{\w+\}", ""), $@"(?<!\w){Regex.Escape(p)}(?!\w)")))
            // A whole word or phrase: "page" inside the endpoint "pager:amina" (an id, as recorded) is no English left.
            .Where(p => Regex.IsMatch(story, $@"(?<!\w){Regex.Escape(p)}(?!\w)")).Distinct()];
    }
}
