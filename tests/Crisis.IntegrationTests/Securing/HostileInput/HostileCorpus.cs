using System.Text.Json.Nodes;
using static Crisis.IntegrationTests.Securing.HostileInput.HostileValues;

namespace Crisis.IntegrationTests.Securing.HostileInput;

/// <summary>
/// The hostile-input corpus: every body field of every command by the kind of value it holds, route and query values,
/// headers, and the shapes a body can have. Each case says the status and field the answer must name.
/// </summary>
public static class HostileCorpus
{
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Get = HttpMethod.Get;

    /// <summary>One command's body: a valid example and the kind of each field.</summary>
    private sealed record Command(string Family, string Path, JsonObject Valid, (string Field, IEnumerable<Value> Values)[] Fields);

    private static readonly Command[] Commands =
    [
        new("open incident", "/api/incidents", new JsonObject { ["brandId"] = "{brand}", ["title"] = "Delivery outage", ["severity"] = 5 },
            [("brandId", Identifier()), ("title", SingleLine(200)), ("severity", Within(1, 10))]),
        new("add note", "/api/incidents/{incident}/notes", new JsonObject { ["text"] = "We are on it." },
            [("noteId", Identifier()), ("text", MultiLine(10_000))]),
        new("assign role", "/api/incidents/{incident}/assign", new JsonObject { ["role"] = "CommunityManager", ["assignee"] = "sam" },
            [("role", HostileValues.Enum()), ("assignee", SingleLine(200))]),
        new("advance stage", "/api/incidents/{incident}/advance", new JsonObject { ["toStageId"] = "respond" },
            [("toStageId", Identifier())]),
        new("tick checklist", "/api/incidents/{incident}/checklist", new JsonObject { ["stageId"] = "respond", ["itemId"] = "statement" },
            [("stageId", Identifier()), ("itemId", Identifier())]),
        new("record removal", "/api/incidents/{incident}/removals", new JsonObject { ["channel"] = "x", ["url"] = "https://x.com/a/1", ["reason"] = "doxxing" },
            [("channel", SingleLine(100)), ("url", Url()), ("reason", MultiLine(2_000))]),
        new("record response", "/api/incidents/{incident}/responses",
            new JsonObject { ["channel"] = "x", ["url"] = "https://x.com/brand/2", ["text"] = "We apologise.", ["language"] = "en", ["publishedAt"] = "2026-12-06T10:00:00Z" },
            [("channel", SingleLine(100)), ("url", Url()), ("text", MultiLine(20_000)), ("language", Identifier()), ("publishedAt", Instant())]),
        new("escalate", "/api/incidents/{incident}/escalate", new JsonObject { ["toLevel"] = 2, ["reason"] = "no answer" },
            [("toLevel", Within(2, 10)), ("reason", MultiLine(2_000))]),
        new("record decision", "/api/incidents/{incident}/decisions", new JsonObject { ["decision"] = "Pause the campaign", ["rationale"] = "tone" },
            [("decisionId", Identifier()), ("decision", MultiLine(2_000)), ("rationale", MultiLine(10_000))]),
        new("resolve", "/api/incidents/{incident}/resolve", new JsonObject { ["resolution"] = "Refunds sent" },
            [("resolution", MultiLine(10_000))]),
        new("close", "/api/incidents/{incident}/close", new JsonObject { ["postMortem"] = "Fine." },
            [("postMortem", MultiLine(100_000))]),
        new("reopen", "/api/incidents/{incident}/reopen", new JsonObject { ["reason"] = "It is back" },
            [("reason", MultiLine(2_000))]),
        new("register brand", "/api/brands", new JsonObject { ["id"] = "hostile-brand", ["name"] = "Hostile" },
            [("name", SingleLine(200)), ("organisationId", Identifier())]),
        new("declare campaign", "/api/brands/{brand}/campaigns",
            new JsonObject { ["id"] = "spring", ["name"] = "Spring sale", ["from"] = "2026-12-06T00:00:00Z", ["to"] = "2026-12-07T00:00:00Z" },
            [("name", SingleLine(200)), ("from", Instant()), ("to", Instant())]),
        new("create api key", "/api/keys", new JsonObject { ["name"] = "connector", ["scope"] = "ingest" },
            [("name", SingleLine(100)), ("scope", SingleLine(100))]),
        new("replay", "/api/replays", new JsonObject { ["brandId"] = "{brand}", ["from"] = "2026-12-06T00:00:00Z", ["to"] = "2026-12-06T01:00:00Z" },
            [("brandId", Identifier()), ("from", Instant()), ("to", Instant())]),
    ];

    public static IEnumerable<HostileCase> All() =>
        BodyFields().Concat(BodyShapes()).Concat(RouteAndQuery()).Concat(Headers()).Concat(Intake());

    public static IEnumerable<string> Families() => All().Select(c => c.Family).Distinct();

    private static IEnumerable<HostileCase> BodyFields() =>
        from command in Commands
        from field in command.Fields
        from value in field.Values
        select new HostileCase(command.Family, $"{field.Field} = {value.Name}", Post, command.Path,
            HostileCase.BodyWith(command.Valid, field.Field, value.RawJson), value.Status, field.Field);

    /// <summary>Bodies that are not JSON, not an object, or not JSON at all, on every command.</summary>
    private static IEnumerable<HostileCase> BodyShapes() =>
        from command in Commands
        from shape in new (string Name, string Body, string ContentType, int Status, string Field)[]
        {
            ("truncated JSON", "{\"text\":", "application/json", 400, "body"),
            ("not JSON", "hello", "application/json", 400, "body"),
            ("an array", "[1,2]", "application/json", 400, "body"),
            ("a string", "\"x\"", "application/json", 400, "body"),
            ("plain text", "text=1", "text/plain", 415, "Content-Type"),
            ("a form", "text=1", "application/x-www-form-urlencoded", 415, "Content-Type"),
        }
        select new HostileCase("body shapes", $"{command.Family}: {shape.Name}", Post, command.Path, shape.Body, shape.Status, shape.Field, shape.ContentType);

    private static IEnumerable<HostileCase> RouteAndQuery()
    {
        const string family = "route and query";
        foreach (var (name, segment) in new[] { ("escaped slash", "x%2F1"), ("newline", "x%0A"), ("non-ASCII", "%C3%A9t%C3%A9"), ("129 characters", new string('a', 129)), ("escape sequence", "%1B%5B31m") })
        {
            yield return new(family, $"incident id: {name}", Get, $"/api/incidents/{segment}", null, 400, "id");
            yield return new(family, $"incident timeline id: {name}", Get, $"/api/incidents/{segment}/timeline", null, 400, "id");
            yield return new(family, $"note on incident id: {name}", Post, $"/api/incidents/{segment}/notes", "{\"text\":\"x\"}", 400, "id");
            yield return new(family, $"brand id: {name}", Get, $"/api/brands/{segment}/buzz", null, 400, "brandId");
            yield return new(family, $"api key id: {name}", HttpMethod.Delete, $"/api/keys/{segment}", null, 400, "id");
        }
        foreach (var (name, value) in new[] { ("no offset", "2026-12-06T10:00:00"), ("day-first", "06%2F12%2F2026%2010:00:00%20%2B00:00"), ("year 1", "0001-01-01T00:00:00Z"), ("year 9999", "9999-12-31T23:59:59Z"), ("a word", "yesterday") })
        {
            yield return new(family, $"series from: {name}", Get, $"/api/brands/{{brand}}/series?from={value}", null, 400, "from");
            yield return new(family, $"series to: {name}", Get, $"/api/brands/{{brand}}/series?from=2026-12-06T00:00:00Z&to={value}", null, 400, "to");
            yield return new(family, $"audit from: {name}", Get, $"/api/audit?from={value}", null, 400, "from");
            yield return new(family, $"kpis to: {name}", Get, $"/api/kpis?to={value}", null, 400, "to");
            yield return new(family, $"brand kpis from: {name}", Get, $"/api/brands/{{brand}}/kpis?from={value}", null, 400, "from");
            yield return new(family, $"incident as of: {name}", Get, $"/api/incidents/{{incident}}/as-of/{value}", null, 400, "asOf");
            yield return new(family, $"buzz as of: {name}", Get, $"/api/brands/{{brand}}/buzz/as-of/{value}", null, 400, "asOf");
        }
        foreach (var (name, value) in new[] { ("a number", "7"), ("a flag list", "Open,Closed"), ("unknown", "Sleeping"), ("NUL", "Op%00en") })
            yield return new(family, $"incident status: {name}", Get, $"/api/incidents?status={value}", null, 400, "status");
        foreach (var (name, value) in new[] { ("NUL", "a%00"), ("slash", "a%2Fb"), ("too long", new string('b', 200)) })
            yield return new(family, $"incident brand filter: {name}", Get, $"/api/incidents?brandId={value}", null, 400, "brandId");
        yield return new(family, "bucket minutes beyond an integer", Get, "/api/brands/{brand}/series?bucketMinutes=99999999999", null, 400, "bucketMinutes");
        yield return new(family, "bucket minutes a word", Get, "/api/brands/{brand}/series?bucketMinutes=ten", null, 400, "bucketMinutes");
        yield return new(family, "audit limit a word", Get, "/api/audit?limit=many", null, 400, "limit");
        yield return new(family, "audit actor with an escape", Get, "/api/audit?actor=%1B%5B2J", null, 400, "actor");
        yield return new(family, "kpis format with NUL", Get, "/api/kpis?format=cs%00v", null, 400, "format");
        yield return new(family, "unknown route", Get, "/api/nothing-here", null, 404, null);
        yield return new(family, "method not allowed", HttpMethod.Put, "/api/incidents", "{}", 405, null);
        yield return new(family, "URL of 9,000 characters", Get, "/api/incidents?brandId=" + new string('c', 9_000), null, 414, "url");
    }

    private static IEnumerable<HostileCase> Headers()
    {
        const string family = "headers";
        foreach (var (name, value) in new[] { ("a word", "\"latest\""), ("negative", "\"-1\""), ("huge", "\"99999999999999999999\""), ("a list", "\"1\", \"2\"") })
        {
            yield return new(family, $"If-Match {name}", Post, "/api/incidents/{incident}/notes", "{\"text\":\"x\"}", 400, "If-Match",
                Headers: new Dictionary<string, string> { ["If-Match"] = value });
        }
        foreach (var (name, value) in new[] { ("a slash", "a/b"), ("a space", "a b"), ("129 characters", new string('k', 129)) })
        {
            yield return new(family, $"Idempotency-Key {name}", Post, "/api/incidents", "{\"brandId\":\"{brand}\",\"title\":\"t\",\"severity\":5}", 400, "Idempotency-Key",
                Headers: new Dictionary<string, string> { ["Idempotency-Key"] = value });
        }
        yield return new(family, "40 KiB of one header", Get, "/api/incidents", null, 431, "X-Padding",
            Headers: new Dictionary<string, string> { ["X-Padding"] = new string('p', 40 * 1024) });
    }

    /// <summary>The mention intake answers per item (line, field, reason); a request whose every item is refused is a 422.</summary>
    private static IEnumerable<HostileCase> Intake()
    {
        const string family = "mention intake";
        var valid = new JsonObject
        {
            ["platform"] = "x", ["postId"] = "p1", ["brandId"] = "{brand}", ["author"] = new JsonObject { ["handle"] = "someone" },
            ["text"] = "Bad service again", ["publishedAt"] = "2026-12-06T10:00:00Z",
        };
        (string Field, IEnumerable<Value> Values)[] fields =
        [
            ("postId", Controls()), ("text", Controls().Where(v => v.Status == 422 && v.Name != "lone carriage return")),
            ("url", Url().Where(v => v.Status == 422)), ("publishedAt", Instant()), ("platform", [Refused("unknown", "myspace"), Refused("NUL", "x\u0000")]),
            ("language", [Refused("spaces", "e n"), Refused("escape", "\u001b[0m")]), ("brandId", [Refused("slash", "a/b"), Refused("NUL", "a\u0000")]),
        ];
        foreach (var (field, values) in fields)
        {
            foreach (var value in values.Where(v => v.Status == 422))
                yield return new(family, $"{field} = {value.Name}", Post, "/api/mentions", "[" + HostileCase.BodyWith(valid, field, value.RawJson) + "]", 422, field);
        }
        yield return new(family, "sentiment label a flag list", Post, "/api/mentions",
            "[" + HostileCase.BodyWith(valid, "sentiment", "{\"label\":\"Neutral, Positive\"}") + "]", 422, "sentiment.label");
        // One NDJSON line that does not parse is an item refused, as any other line would be.
        yield return new(family, "not JSON", Post, "/api/mentions", "{{{", 422, "$");
        yield return new(family, "empty array", Post, "/api/mentions", "[]", 400, "$");
    }

    private static IEnumerable<Value> Controls() => SingleLine(256).Where(v => !v.Name.Contains("characters", StringComparison.Ordinal) && v.Name != "line break");
}
