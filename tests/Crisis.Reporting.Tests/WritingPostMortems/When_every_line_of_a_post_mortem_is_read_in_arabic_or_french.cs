using System.Text.RegularExpressions;
using Crisis.CrisisCell.Desk.Measuring;
using Crisis.CrisisCell.Incidents;
using Crisis.CrisisCell.Incidents.ApprovingStatements;
using Crisis.CrisisCell.Incidents.AssigningRoles;
using Crisis.CrisisCell.Incidents.CheckingDeadlines;
using Crisis.CrisisCell.Incidents.Deciding;
using Crisis.CrisisCell.Incidents.Escalating;
using Crisis.CrisisCell.Incidents.Noting;
using Crisis.CrisisCell.Incidents.RecordingResponses;
using Crisis.CrisisCell.Incidents.WalkingThePlaybook;
using Crisis.CrisisCell.Notifying.Delivering;
using Crisis.CrisisCell.OnCall.Planning;
using Crisis.Detection.Buzz;
using Crisis.Detection.Detecting;
using Crisis.Reporting.Measuring;
using Crisis.Reporting.WritingPostMortems;
using Crisis.ServiceDefaults.Localisation;
using static Crisis.Reporting.Tests.ScriptedBuzz;

namespace Crisis.Reporting.Tests.WritingPostMortems;

/// <summary>
/// Every part of the post-mortem in the reader's language, the timeline's details and the desk's figures included: no
/// English text of the catalogue left in the French or Arabic page, no raw key, times in the reader's zone with their
/// dates, and event time told apart from the wall clock.
/// </summary>
public class When_every_line_of_a_post_mortem_is_read_in_arabic_or_french
{
    // Words people recorded are written in the incident's language here, so any English left on the page is the report's.
    private static IncidentFacts EveryKindOfLine()
    {
        var delivery = new NotificationDelivery("k2", "p2", NotificationKind.Escalated, 2, "karim", "sms:karim", 2);
        var events = Events();
        events.InsertRange(2,
        [
            new NotificationDispatching(IncidentId, delivery, "vm/13156/7d82b2f1", At(10, 7)),
            new NotificationFailed(IncidentId, delivery, "HTTP 503", At(10, 7, 30)),
            new RoleAssigned(IncidentId, IncidentRole.Spokesperson, "samira", "alice", At(10, 13)),
            new NoteAdded(IncidentId, "n1", "المكالمات تضاعفت", "samira", At(10, 14)),
            new DecisionRecorded(IncidentId, "d1", "Publier un message", "les clients attendent", "alice", At(10, 15)),
            new ChecklistItemTicked(IncidentId, "respond", "read-evidence", "alice", At(10, 16)),
            new StatementDrafted(IncidentId, "st-1", "x", "Nous enquêtons", "fr", "samira", At(10, 17)),
            new StatementEdited(IncidentId, "st-1", 2, "Nous enquêtons activement", "samira", At(10, 18)),
            new StatementApproved(IncidentId, "st-1", 2, "alice", At(10, 19)),
            new StatementPublished(IncidentId, "st-1", 2, ResponseUrl, At(10, 20), "samira", At(10, 20, 10)),
            new IncidentEscalated(IncidentId, 2, "التأخير", "alice", At(10, 21)),
        ]);
        events.Add(new StageDeadlineMissed(IncidentId, "acknowledge", At(16, 5), At(16, 6)));
        var buzz = BuzzEvents();
        buzz.Add(new AlertSuppressedByCampaign(Brand, Episode, AlertKind.Escalation, At(10, 30), 5, "c1", "Ramadan 2026", "amina"));
        return Facts(events) with { BuzzEvents = buzz };
    }

    private static readonly DeskKpiReport Desk = new(
        Figures(),
        new Dictionary<string, IReadOnlyDictionary<string, DeskFigures>>
        {
            ["language"] = new Dictionary<string, DeskFigures> { ["ar"] = Figures() },
            ["responder"] = new Dictionary<string, DeskFigures> { ["samira"] = Figures() },
        });

    // The negative share has enough posts on both sides: the line with its figures is the one read.
    private static DeskFigures Figures() => new(12, 9, 1, 1, 1, 0.91, 14, 42, 1, 0, new Dictionary<string, int> { ["resolved"] = 1 },
        new NegativeShareMove(3, 10, 6, 8, 2, 0.6, 0.25, -0.35, EnoughData: true));

    private static string Render(string tag, string zoneId = "Africa/Algiers")
    {
        Assert.That(UiLanguage.TryParse(tag, out var language), Is.True);
        Assert.That(ViewerZone.TryParse(zoneId, out var zone), Is.True);
        var facts = EveryKindOfLine();
        return PostMortemReport.Render(facts, IncidentMeasurement.Measure(facts, new KpiOptions { ResponseWindow = TimeSpan.FromMinutes(10) }, EvaluatedAt),
            new ReportReader(language, zone), "Atlas Télécom", Desk);
    }

    /// <summary>The literal pieces of every English text (between placeholders) that the other language does not share.</summary>
    private static IEnumerable<string> EnglishPieces(UiLanguage language)
    {
        var catalogue = ReportReader.Catalogue;
        foreach (var key in catalogue.EnglishKeys)
        {
            var english = catalogue.Text(UiLanguage.English, key);
            // Placeholders are names, not words a reader sees: "{severity}" in French does not keep the word "severity".
            var translated = Regex.Replace(catalogue.Text(language, key), @"\{\w+\}", "");
            foreach (var piece in Regex.Split(english, @"\{\w+\}").Select(p => p.Trim(' ', ',', ';', ':', '.', '(', ')', '·', '–', '→')))
            {
                // Short pieces ("at", "of") are words of any page; a piece the translation keeps as is ("Incident", "Note") is not a leftover.
                if (piece.Count(char.IsLetter) < 4 || Word(piece).IsMatch(translated)) continue;
                yield return piece;
            }
        }
    }

    /// <summary>A whole word or phrase: "Text" is not left in "Texte", nor "page" in the endpoint id "pager:amina".</summary>
    private static Regex Word(string piece) => new($@"(?<!\w){Regex.Escape(piece)}(?!\w)");

    [TestCase("fr")]
    [TestCase("ar")]
    [TestCase("ar-u-nu-latn")]
    public void No_english_text_of_the_catalogue_is_left_on_the_page(string tag)
    {
        Assert.That(UiLanguage.TryParse(tag, out var language), Is.True);
        // What a person reads: the text and the titles, not the markup (an SVG polyline's "points" is no English word).
        var text = Regex.Replace(Regex.Replace(Render(tag), "<style>.*?</style>", " ", RegexOptions.Singleline), "<[^>]+>", " ");

        var left = EnglishPieces(language).Where(piece => Word(piece).IsMatch(text)).Distinct().ToList();

        Assert.That(left, Is.Empty, "English left in the page");
    }

    [TestCase("fr")]
    [TestCase("ar")]
    public void No_raw_key_shows(string tag)
    {
        var html = Render(tag);

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("⟦"));
            Assert.That(html, Does.Not.Match(@"\b(detail|what|who|clock|deskSection|phase|alertKind|notificationKind|role|checklist|chart|kpi|column)\.[a-zA-Z]"), "a catalogue key shown as text");
            Assert.That(html, Does.Not.Contain("not described by this report version"), "every event of the scripted incident is described");
        });
    }

    [Test]
    public void The_timeline_details_are_in_the_readers_language_with_recorded_words_as_written()
    {
        var french = Render("fr");
        var arabic = Render("ar");

        Assert.Multiple(() =>
        {
            Assert.That(french, Does.Contain("Responsable de l&#39;incident").Or.Contain("Porte-parole : samira"), "the role, in French; the person as named");
            Assert.That(french, Does.Contain("Publier un message (pourquoi : les clients attendent)"));
            Assert.That(french, Does.Contain("Répondre : Lire les éléments"), "the default checklist item by its French text");
            Assert.That(french, Does.Contain("avis d&#39;escalade à karim par sms:karim (niveau d&#39;astreinte 2, tentative 2) : HTTP 503"));
            Assert.That(french, Does.Contain("retour au calme ; gravité maximale 8"));
            Assert.That(french, Does.Contain("Ramadan 2026 (c1), gravité 5"));
            Assert.That(arabic, Does.Contain("المتحدث الرسمي: samira"));
            Assert.That(arabic, Does.Contain("عودة إلى الهدوء؛ أقصى خطورة ٨"), "Arabic words and Arabic-Indic digits");
            Assert.That(arabic, Does.Contain("المكالمات تضاعفت"), "a note as written");
            Assert.That(arabic, Does.Contain("<td dir=\"auto\">الكاشف</td>"), "the detector named in Arabic");
        });
    }

    [Test]
    public void The_delivery_machinery_is_not_a_line_of_its_own()
    {
        var html = Render("en");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("vm/13156"), "which node claimed a delivery is machinery");
            Assert.That(html, Does.Not.Contain("0001-01-01"), "no event shown at the beginning of time");
        });
    }

    [Test]
    public void The_desk_section_is_in_the_readers_language()
    {
        var html = Render("fr");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<h2>Desk de réponse : les personnes à qui l&#39;on a répondu</h2>"));
            Assert.That(html, Does.Contain("<th dir=\"auto\">Langue : ar</th><td>12</td><td>91%</td><td>14 min</td><td>42 min</td>"));
            Assert.That(html, Does.Not.Contain("Response desk"));
        });
    }

    [Test]
    public void Event_time_and_wall_clock_are_named_where_both_appear()
    {
        var html = Render("en", "Europe/Paris");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<p class=\"clocks\">Event time: when the posts were published"), "the timeline says what each clock is");
            Assert.That(html, Does.Contain("<td><time>2026-03-02 11:12:00 Europe/Paris (UTC+01:00)</time> <small class=\"clock\">wall clock</small></td><td>Acknowledged</td>"));
            Assert.That(html, Does.Contain("<td><time>2026-03-02 11:05:00 Europe/Paris (UTC+01:00)</time> <small class=\"clock\">event time</small></td><td>Detector paged</td>"));
            Assert.That(html, Does.Contain("<th>Time to detect</th><td>5 min</td><td><time>2026-03-02 11:05:00 Europe/Paris (UTC+01:00)</time> <small class=\"clock\">event time</small>"));
            Assert.That(html, Does.Contain("<th>Time to acknowledge</th><td>7 min</td><td><time>2026-03-02 11:12:00 Europe/Paris (UTC+01:00)</time> <small class=\"clock\">wall clock</small>"));
            Assert.That(html, Does.Contain("detected at 2026-03-02 11:05:00 Europe/Paris (UTC+01:00) (event time)"), "a time inside a detail says its clock too");
        });
    }

    [Test]
    public void The_charts_time_axis_carries_dates_in_the_readers_zone()
    {
        var html = Render("ar");

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<text class=\"axis time\" x=\"56\" y=\"292\">\u2066٢٠٢٦-٠٣-٠٢ ١٠:٠٠ Africa/Algiers (UTC+٠١:٠٠)\u2069</text>"), "09:00 UTC is 10:00 in Algiers");
            Assert.That(html, Does.Contain("\u2066٢٠٢٦-٠٣-٠٢ ١٤:٠٠ Africa/Algiers (UTC+٠١:٠٠)\u2069</text>"), "the axis's end, 13:00 UTC");
            Assert.That(html, Does.Not.Contain("2026-03-02 09:00"), "no UTC time left on the axis or in the bars' titles");
            Assert.That(html, Does.Contain("· وقت النشر</text>"), "the axis is on event time");
        });
    }
}
