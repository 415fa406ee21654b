using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Securing.HostileInput;

/// <summary>
/// The hostile-input corpus against the real host: every case must get its status as problem+json naming its field;
/// none may answer 5xx or a bare 4xx. One test per family, listing every case that answered wrong.
/// </summary>
public class When_hostile_input_arrives : IntegrationSpec
{
    private HostileTarget target = null!;

    public static IEnumerable<string> Families() => HostileCorpus.Families();

    [Test]
    public void The_corpus_holds_at_least_300_cases()
    {
        var cases = HostileCorpus.All().ToList();
        TestContext.Out.WriteLine($"{cases.Count} cases: " + string.Join(", ", cases.GroupBy(c => c.Family).Select(g => $"{g.Key} {g.Count()}")));
        Assert.That(cases, Has.Count.GreaterThanOrEqualTo(300));
    }

    [SetUp]
    public async Task ABrandAndAnIncidentAsync() => target = await HostileTarget.CreateAsync(Host, "hostile");

    [TestCaseSource(nameof(Families))]
    public async Task Every_case_gets_its_status_and_names_its_field(string family)
    {
        var wrong = new List<string>();
        foreach (var hostile in HostileCorpus.All().Where(c => c.Family == family))
        {
            var (status, contentType, body) = await SendAsync(hostile);
            if (Verdict(hostile, status, contentType, body) is { } problem) wrong.Add($"{hostile.Name}: {problem}");
        }
        Assert.That(wrong, Is.Empty, $"{wrong.Count} cases of '{family}' answered wrong");
        using var ready = await Host.Anonymous().GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.That((int)ready.StatusCode, Is.EqualTo(200), "the host is alive after the corpus");
    }

    private async Task<(int Status, string ContentType, string Body)> SendAsync(HostileCase hostile)
    {
        var path = target.Fill(hostile.Path);
        using var request = new HttpRequestMessage(hostile.Method, new Uri(path, UriKind.Relative));
        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(target.Fill(hostile.Body)));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(hostile.ContentType);
        }
        foreach (var (name, value) in hostile.Headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await Host.Http.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", await response.Content.ReadAsStringAsync());
    }


    /// <summary>What is wrong with the answer, or null when it is the expected problem.</summary>
    public static string? Verdict(HostileCase hostile, int status, string contentType, string body)
    {
        var shown = body.Length <= 700 ? body : body[..700] + "…";
        if (status >= 500) return $"answered {status}: {shown}";
        if (contentType != "application/problem+json") return $"answered {status} as '{contentType}', not problem+json: {shown}";
        if (status != hostile.Status) return $"answered {status}, expected {hostile.Status}: {shown}";
        if (hostile.Field is { } field && !NamesField(body, field)) return $"the problem does not name '{field}': {shown}";
        return null;
    }

    /// <summary>A problem names a field by a "field" member or a key of "errors", at any depth (the intake lists items).</summary>
    public static bool NamesField(string body, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Names(document.RootElement, field);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Names(JsonElement element, string field) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p =>
            (p.Name == "field" && p.Value.ValueKind == JsonValueKind.String && string.Equals(p.Value.GetString(), field, StringComparison.OrdinalIgnoreCase))
            || (p.Name == "errors" && p.Value.ValueKind == JsonValueKind.Object && p.Value.EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase)))
            || Names(p.Value, field)),
        JsonValueKind.Array => element.EnumerateArray().Any(e => Names(e, field)),
        _ => false,
    };
}
