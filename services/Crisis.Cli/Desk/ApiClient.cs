using System.Net.Http.Json;
using System.Text.Json;

namespace Crisis.Cli.Desk;

/// <summary>The host refused a request: its problem's title, detail and field, for one line on standard error.</summary>
public sealed class ApiProblemException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// JSON over the host's API. A refusal (4xx, 5xx) becomes an <see cref="ApiProblemException"/> worded from its
/// problem+json body; the CLI's error handler prints it.
/// </summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<JsonElement> GetAsync(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct);
        return await ReadAsync(response, path, ct);
    }

    public async Task<JsonElement> PostAsync(string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Json, ct);
        return await ReadAsync(response, path, ct);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string path, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode) return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        throw new ApiProblemException((int)response.StatusCode, Describe((int)response.StatusCode, path, text));
    }

    private static string Describe(int status, string path, string body)
    {
        var route = path.Split('?')[0];
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            var field = problem.TryGetProperty("field", out var f) ? f.GetString() : null;
            return $"the host answered {status} to {route}: {title}{(detail is null ? "" : $": {detail}")}{(field is null ? "" : $" (field {field})")}";
        }
        catch (JsonException)
        {
            return status is 401 ? $"the host answered 401 to {route}: the token is missing, expired or signed with another key"
                : status is 403 ? $"the host answered 403 to {route}: the token's role may not do this"
                : $"the host answered {status} to {route}";
        }
    }

    public void Dispose() => http.Dispose();
}
