using System.Globalization;
using System.Text;

namespace Crisis.IntegrationTests.Securing.HostileInput;

/// <summary>
/// A seeded generator of requests for the fuzzing pass: JSON bodies built from the commands' own field names and from
/// random ones, with hostile strings (controls, escapes, lone surrogates, huge), odd numbers and wrong nesting; raw
/// byte garbage; and query strings of random values. The same seed always gives the same requests.
/// </summary>
public sealed class RandomRequests(int seed, IReadOnlyList<string>? moreFields = null)
{
    private static readonly string[] Fields =
    [
        "id", "brandId", "title", "severity", "text", "noteId", "role", "assignee", "toStageId", "stageId", "itemId", "channel",
        "url", "reason", "language", "publishedAt", "toLevel", "decision", "decisionId", "rationale", "resolution", "postMortem",
        "name", "organisationId", "from", "to", "platform", "postId", "author", "sentiment", "label", "score", "handle", "followers",
    ];

    private static readonly string[] CommandPaths =
    [
        "/api/mentions", "/api/incidents", "/api/incidents/{incident}/notes", "/api/incidents/{incident}/assign",
        "/api/incidents/{incident}/advance", "/api/incidents/{incident}/checklist", "/api/incidents/{incident}/removals",
        "/api/incidents/{incident}/responses", "/api/incidents/{incident}/escalate", "/api/incidents/{incident}/decisions",
        "/api/incidents/{incident}/resolve", "/api/incidents/{incident}/reopen", "/api/incidents/{incident}/acknowledge",
        "/api/brands", "/api/brands/{brand}/campaigns", "/api/keys", "/api/replays", "/api/what-ifs",
    ];

    private static readonly string[] QueryPaths =
    [
        "/api/incidents", "/api/brands/{brand}/series", "/api/audit", "/api/kpis", "/api/brands/{brand}/kpis",
        "/api/incidents/{incident}/kpis", "/api/incidents/{incident}/report", "/api/buzz", "/api/brands/{brand}/buzz",
    ];

    private static readonly string[] QueryNames = ["from", "to", "status", "brandId", "format", "bucketMinutes", "limit", "actor", "organisationId", "responseWindowMinutes"];

    private readonly Random random = new(seed);

    /// <summary>The commands' field names plus any the caller read from the API's own schemas.</summary>
    private readonly string[] fields = [.. Fields.Concat(moreFields ?? []).Distinct(StringComparer.Ordinal)];

    public (HttpMethod Method, string Path, byte[]? Body, string ContentType) Next()
    {
        if (random.Next(4) == 0) return (HttpMethod.Get, Pick(QueryPaths) + "?" + Query(), null, "");
        var path = Pick(CommandPaths);
        return random.Next(10) switch
        {
            0 => (HttpMethod.Post, path, Garbage(), Pick(["application/json", "application/x-ndjson", "text/plain", "application/octet-stream"])),
            1 => (HttpMethod.Post, path, Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Object(0))) + "]"), "application/json"),
            _ => (HttpMethod.Post, path, Encoding.UTF8.GetBytes(Object(0)), "application/json"),
        };
    }

    /// <summary>
    /// A request for one operation of the host's OpenAPI document: route parameters after <c>/brands/</c> and
    /// <c>/incidents/</c> name the caller's own brand and incident (so the request gets past the look-up), others are
    /// random, hostile or a well-formed id that does not exist; writes carry a random body, reads a random query. No NUL
    /// in a path: Kestrel answers it a bare 400 before any of our code runs (a known limit in docs/security.md).
    /// </summary>
    public (HttpMethod Method, string Path, byte[]? Body, string ContentType) NextFor(ApiRoute route)
    {
        var segments = route.Template.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{')) continue;
            segments[i] = segments[i - 1] switch
            {
                "brands" when random.Next(4) != 0 => "{brand}",
                "incidents" when random.Next(4) != 0 => "{incident}",
                _ => Uri.EscapeDataString(random.Next(3) switch { 0 => SeededGuid(), 1 => Text(1_500).Replace('\0', '\u0001'), _ => Pick(["none", "0", "-1", "..", "%00", "9223372036854775808"]) }),
            };
        }
        var path = string.Join('/', segments);
        if (random.Next(3) == 0) path += "?" + Query();
        if (route.Method == HttpMethod.Get || route.Method == HttpMethod.Delete) return (route.Method, path, null, "");
        return random.Next(6) switch
        {
            0 => (route.Method, path, Garbage(), Pick(["application/json", "text/plain", "application/octet-stream"])),
            1 => (route.Method, path, Encoding.UTF8.GetBytes("[" + Object(0) + "]"), "application/json"),
            _ => (route.Method, path, Encoding.UTF8.GetBytes(Object(0)), "application/json"),
        };
    }

    /// <summary>A well-formed id that no resource has, the same for the same seed.</summary>
    private string SeededGuid()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    /// <summary>Query text is kept under 10,000 characters a value: past 256 KiB of request line Kestrel answers bare (documented).</summary>
    private string Query() => string.Join("&", Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
        Uri.EscapeDataString(random.Next(5) == 0 ? Text(10_000) : Pick(QueryNames)) + "=" + Uri.EscapeDataString(Text(10_000))));

    private string Object(int depth)
    {
        var members = Enumerable.Range(0, random.Next(0, 6))
            .Select(_ => $"{Quote(random.Next(6) == 0 ? Text() : Pick(fields))}:{Value(depth + 1)}");
        return "{" + string.Join(",", members) + "}";
    }

    private string Value(int depth) => random.Next(depth > 2 ? 6 : 9) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => Number(),
        3 or 4 or 5 => Quote(Text()),
        6 => Object(depth),
        7 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(depth + 1))) + "]",
        _ => Quote(Pick(["2026-12-06T10:00:00Z", "2026-12-06T10:00:00", "0001-01-01T00:00:00Z", "x", "Open", "IncidentLead", "https://example.com/a", "javascript:alert(1)", "{brand}", "{incident}"])),
    };

    private string Number() => random.Next(6) switch
    {
        0 => random.Next(-20, 20).ToString(CultureInfo.InvariantCulture),
        1 => "2147483648",
        2 => "-9223372036854775809",
        3 => "1e308",
        4 => (random.NextDouble() * 1000).ToString("R", CultureInfo.InvariantCulture),
        _ => "0.000000001",
    };

    /// <summary>Text with a fair share of what breaks things: controls, escapes, surrogates, non-ASCII, very long runs.</summary>
    private string Text(int longest = 120_000)
    {
        var builder = new StringBuilder();
        var length = random.Next(8) == 0 ? random.Next(1_000, longest) : random.Next(0, 24);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(12) switch
            {
                0 => (char)random.Next(0, 0x20),
                1 => (char)random.Next(0x7F, 0xA0),
                2 => (char)random.Next(0xD800, 0xE000),
                3 => "é\u202Eﻻ😀"[random.Next(4)],
                4 => "/.%:<>\"'\\{}[]"[random.Next(13)],
                _ => (char)random.Next('a', 'z' + 1),
            });
            if (builder.Length > length) break;
        }
        return builder.ToString();
    }

    /// <summary>A JSON string literal that keeps lone surrogates as \u escapes (a serializer would repair them).</summary>
    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\') builder.Append('\\').Append(c);
            else if (c < 0x20 || char.IsSurrogate(c)) builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else builder.Append(c);
        }
        return builder.Append('"').ToString();
    }

    private byte[] Garbage()
    {
        var bytes = new byte[random.Next(0, 4096)];
        random.NextBytes(bytes);
        return bytes;
    }

    private string Pick(string[] choices) => choices[random.Next(choices.Length)];
}
