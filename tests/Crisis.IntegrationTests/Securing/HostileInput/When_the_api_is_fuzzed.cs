using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Securing.HostileInput;

/// <summary>
/// The fuzzing pass: a fixed budget of seeded random requests over the intake, the incident commands, brands, keys and
/// the queries. None may answer 5xx or a 4xx that is not problem+json, and the host answers health checks after.
/// A failure lists the seed and request index, so it can be replayed with the same <see cref="RandomRequests"/>.
/// </summary>
public class When_the_api_is_fuzzed : IntegrationSpec
{
    /// <summary>Enough to cover every path many times on 2 cores in well under a minute.</summary>
    private const int RequestsPerSeed = 400;

    /// <summary>Each operation of the OpenAPI document gets this many: a few hundred in all.</summary>
    private const int RequestsPerOperation = 6;

    [TestCase(20261207)]
    [TestCase(4242)]
    public async Task No_request_answers_5xx_or_a_bare_4xx(int seed)
    {
        var target = await HostileTarget.CreateAsync(Host, "fuzz");
        var requests = new RandomRequests(seed);
        await SendAllAsync(target, seed, [.. Enumerable.Range(0, RequestsPerSeed).Select(_ => requests.Next())]);
    }

    /// <summary>
    /// The same checks over every operation the host's OpenAPI document lists, so endpoints added after the corpus above
    /// was written (the desk, connectors, display settings...) are fuzzed too, with field names from their own schemas.
    /// </summary>
    [TestCase(7)]
    [TestCase(11)]
    public async Task No_operation_of_the_api_answers_5xx_or_a_bare_4xx(int seed)
    {
        var target = await HostileTarget.CreateAsync(Host, "fuzzapi");
        var routes = await ApiRoute.ReadAsync(Host);
        var requests = new RandomRequests(seed, await ApiRoute.ReadFieldNamesAsync(Host));
        Assert.That(routes, Has.Count.GreaterThan(30), "the OpenAPI document lists the API");
        await SendAllAsync(target, seed, [.. routes.SelectMany(route => Enumerable.Range(0, RequestsPerOperation).Select(_ => requests.NextFor(route)))]);
    }

    private static async Task SendAllAsync(HostileTarget target, int seed, IReadOnlyList<(HttpMethod Method, string Path, byte[]? Body, string ContentType)> requests)
    {
        var wrong = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        for (var i = 0; i < requests.Count; i++)
        {
            var (method, path, body, contentType) = requests[i];
            using var request = new HttpRequestMessage(method, new Uri(target.Fill(path), UriKind.Relative));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(target.Fill(Encoding.UTF8.GetString(body))));
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
            // Headers only: a live endpoint may stream for as long as it is read.
            using var response = await Host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (status >= 500 || (status >= 400 && type != "application/problem+json"))
            {
                var answer = await response.Content.ReadAsStringAsync();
                wrong.Add($"#{i} {method} {path[..Math.Min(path.Length, 120)]}: {status} {type} {answer[..Math.Min(answer.Length, 300)]}");
            }
        }
        TestContext.Out.WriteLine($"seed {seed}: " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        Assert.That(wrong, Is.Empty);
        using var ready = await Host.Anonymous().GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.That((int)ready.StatusCode, Is.EqualTo(200), "the host is ready after the fuzzing");
    }
}
