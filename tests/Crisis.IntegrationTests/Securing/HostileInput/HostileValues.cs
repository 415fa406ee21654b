using System.Text.Json;

namespace Crisis.IntegrationTests.Securing.HostileInput;

/// <summary>
/// Hostile values by the kind of field they attack, each as raw JSON and the status the API must answer: 422 when the
/// JSON is well-formed but the value breaks a rule, 400 when it is not even of the field's type.
/// </summary>
public static class HostileValues
{
    public sealed record Value(string Name, string RawJson, int Status);

    public static Value Refused(string name, string text) => new(name, JsonSerializer.Serialize(text), 422);

    private static Value WrongType(string name, string raw) => new(name, raw, 400);

    /// <summary>What every text field refuses, whatever its kind.</summary>
    private static IEnumerable<Value> Controls()
    {
        yield return Refused("NUL alone", "\u0000");
        yield return Refused("NUL inside", "good\u0000bad");
        yield return Refused("terminal escape", "\u001b[31mred\u001b[0m\u001b]0;pwned\u0007");
        yield return Refused("bell", "ring\u0007");
        yield return Refused("C1 next line", "a\u0085b");
        yield return Refused("C1 CSI", "a\u009b31mb");
        yield return Refused("backspace", "abc\b\b\b");
        yield return Refused("lone carriage return", "visible\rhidden");
        yield return new Value("lone high surrogate", "\"a\\ud800b\"", 422);
        yield return new Value("lone low surrogate", "\"\\udc00\"", 422);
        yield return Refused("replacement character", "broken \ufffd decoder");
        yield return WrongType("a number", "42");
        yield return WrongType("an array", "[\"a\"]");
        yield return WrongType("an object", "{\"a\":1}");
        yield return WrongType("true", "true");
    }

    public static IEnumerable<Value> SingleLine(int maxLength) => Controls().Concat(
    [
        Refused("line break", "first\nsecond"),
        Refused($"{maxLength + 1} characters", new string('x', maxLength + 1)),
        Refused("100,001 characters", new string('y', 100_001)),
    ]);

    public static IEnumerable<Value> MultiLine(int maxLength) => Controls().Concat(
    [
        Refused($"{maxLength + 1} characters", new string('x', maxLength + 1)),
        Refused("a megabyte minus a little", new string('z', 1_000_000)),
    ]);

    public static IEnumerable<Value> Identifier() => Controls().Concat(
    [
        Refused("slash", "x/1"),
        Refused("dot dot slash", "../etc"),
        Refused("space", "a b"),
        Refused("non-ASCII letter", "é"),
        Refused("newline", "id\n"),
        Refused("129 characters", new string('a', 129)),
        Refused("100,000 characters", new string('a', 100_000)),
        Refused("leading dash", "-x"),
        Refused("percent", "a%2Fb"),
        Refused("angle brackets", "<script>"),
    ]);

    public static IEnumerable<Value> Url() =>
    [
        Refused("javascript", "javascript:alert(1)"),
        Refused("data", "data:text/html,<script>alert(1)</script>"),
        Refused("file", "file:///etc/passwd"),
        Refused("relative", "/relative/path"),
        Refused("protocol-relative", "//evil.example/x"),
        Refused("ftp", "ftp://example.com/file"),
        Refused("no host", "http://"),
        Refused("control character", "https://example.com/\u0000"),
        Refused("2,049 characters", "https://example.com/" + new string('a', 2_030)),
        WrongType("a number", "7"),
    ];

    public static IEnumerable<Value> Instant() =>
    [
        Refused("no offset", "2026-12-06T10:00:00"),
        Refused("day-first local format", "06/12/2026 10:00:00 +00:00"),
        Refused("year 1", "0001-01-01T00:00:00Z"),
        Refused("year 9999", "9999-12-31T23:59:59Z"),
        Refused("a word", "yesterday"),
        Refused("month 13", "2026-13-01T00:00:00Z"),
        Refused("empty", ""),
        Refused("date only", "2026-12-06"),
        new Value("a number", "1765015200", 422),
    ];

    public static IEnumerable<Value> Within(int minimum, int maximum) =>
    [
        new Value("below the range", (minimum - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), 422),
        new Value("above the range", (maximum + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), 422),
        new Value("a million", "1000000", 422),
        new Value("negative", "-5", 422),
        WrongType("beyond a 32-bit integer", "2147483648"),
        WrongType("a fraction", "1.5"),
        WrongType("a word", "\"five\""),
        WrongType("true", "true"),
        WrongType("an exponent", "1e10"),
    ];

    public static IEnumerable<Value> Enum() =>
    [
        Refused("a flag list", "IncidentLead, CommunityManager"),
        Refused("a number as text", "7"),
        new Value("a number", "7", 422),
        Refused("empty", ""),
        Refused("unknown", "Overlord"),
        Refused("control character", "Incident\u0000Lead"),
    ];
}
