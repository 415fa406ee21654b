using System.Text.Json;
using Crisis.ServiceDefaults.Http.Validating;

namespace Crisis.Ingestion.Tests.Validating;

public class When_an_input_rule_is_applied
{
    [TestCase("acme-2026-ep1")]
    [TestCase("a")]
    [TestCase("Incident_7:lead.v2")]
    public void A_well_formed_identifier_passes(string id) => Assert.That(InputRules.IsIdentifier(id), Is.True);

    [TestCase("")]
    [TestCase("x/1")]
    [TestCase("../etc")]
    [TestCase("-lead")]
    [TestCase("été")]
    [TestCase("id\n")]
    [TestCase("a b")]
    public void A_malformed_identifier_is_refused(string id) => Assert.That(InputRules.IsIdentifier(id), Is.False);

    [Test]
    public void An_identifier_of_129_characters_is_refused() =>
        Assert.That(InputRules.IsIdentifier(new string('a', 129)), Is.False);

    [TestCase("https://x.com/brand/status/1")]
    [TestCase("http://example.org/a?b=c#d")]
    public void An_absolute_http_url_passes(string url) => Assert.That(InputRules.IsHttpUrl(url), Is.True);

    [TestCase("javascript:alert(1)")]
    [TestCase("data:text/html,<b>")]
    [TestCase("file:///etc/passwd")]
    [TestCase("/relative")]
    [TestCase("//evil.example/x")]
    [TestCase("ftp://example.com/f")]
    [TestCase("https://example.com/\u0000")]
    public void Any_other_url_is_refused(string url) => Assert.That(InputRules.IsHttpUrl(url), Is.False);

    [TestCase("2026-12-06T10:00:00Z", "2026-12-06T10:00:00+00:00")]
    [TestCase("2026-12-06T11:00:00+01:00", "2026-12-06T10:00:00+00:00")]
    [TestCase("2026-12-06T11:00:00 01:00", "2026-12-06T10:00:00+00:00")]
    public void An_iso_time_with_an_offset_is_read(string text, string expected)
    {
        Assert.That(InputRules.TryParseInstant(text, out var instant), Is.True);
        Assert.That(instant, Is.EqualTo(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("2026-12-06T10:00:00")]
    [TestCase("06/12/2026 10:00:00 +00:00")]
    [TestCase("0001-01-01T00:00:00Z")]
    [TestCase("9999-12-31T23:59:59Z")]
    [TestCase("2026-12-06")]
    [TestCase("yesterday")]
    public void Any_other_time_is_refused(string text) => Assert.That(InputRules.TryParseInstant(text, out _), Is.False);

    [Test]
    public void Text_with_a_terminal_escape_names_the_reason()
    {
        Assert.That(InputRules.TextProblem("\u001b[31mred", 200, allowLineBreaks: true), Does.Contain("control characters"));
        Assert.That(InputRules.TextProblem("first\r\nsecond\tcolumn", 200, allowLineBreaks: true), Is.Null);
        Assert.That(InputRules.TextProblem("first\nsecond", 200, allowLineBreaks: false), Does.Contain("line breaks"));
        Assert.That(InputRules.TextProblem(new string('x', 201), 200, allowLineBreaks: false), Does.Contain("limit is 200"));
    }

    public enum Tone { Negative, Neutral, Positive }

    private sealed record Probe(string? Text, DateTimeOffset? At, Tone? Tone);

    private static JsonSerializerOptions Strict()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        StrictJson.AddTo(options);
        return options;
    }

    [TestCase("""{"text":"a\u0000b"}""", "$.text")]
    [TestCase("""{"text":"\ud800"}""", "$.text")]
    [TestCase("""{"at":"2026-12-06T10:00:00"}""", "$.at")]
    [TestCase("""{"at":"0001-01-01T00:00:00Z"}""", "$.at")]
    [TestCase("""{"tone":"Neutral, Positive"}""", "$.tone")]
    [TestCase("""{"tone":2}""", "$.tone")]
    public void The_strict_converters_refuse_a_broken_value_with_its_path(string json, string path)
    {
        var refused = Assert.Throws<StrictJson.RuleException>(() => JsonSerializer.Deserialize<Probe>(json, Strict()));
        Assert.That(refused!.Path, Is.EqualTo(path));
    }

    [Test]
    public void The_strict_converters_read_and_write_good_values_as_before()
    {
        var probe = JsonSerializer.Deserialize<Probe>("""{"text":"ligne 1\nسطر 2","at":"2026-12-06T11:00:00+01:00","tone":"positive"}""", Strict())!;
        Assert.That(probe, Is.EqualTo(new Probe("ligne 1\nسطر 2", new DateTimeOffset(2026, 12, 6, 11, 0, 0, TimeSpan.FromHours(1)), Tone.Positive)));
        Assert.That(JsonSerializer.Serialize(probe, Strict()), Does.Contain("\"tone\":\"Positive\""));
    }
}
