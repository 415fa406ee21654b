using System.Net.Http.Json;
using System.Text.Json;
using Crisis.IntegrationTests.Running;

namespace Crisis.IntegrationTests.Securing;

/// <summary>One operation of the API as the host's own OpenAPI document lists it.</summary>
public sealed record ApiRoute(HttpMethod Method, string Template)
{
    public IReadOnlyList<string> Parameters { get; } =
        [.. Template.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}'))];

    /// <summary>The path with every route parameter filled in (the same value for all of them unless given).</summary>
    public string PathWith(IReadOnlyDictionary<string, string> values, string otherwise = "none") =>
        string.Join('/', Template.Split('/').Select(s => s.StartsWith('{') ? Uri.EscapeDataString(values.GetValueOrDefault(s.Trim('{', '}'), otherwise)) : s));

    public HttpRequestMessage Request(string path) => new(Method, new Uri(path, UriKind.Relative))
    {
        // A JSON body for every write, so that no endpoint could answer 415 before its authorisation is seen.
        Content = Method == HttpMethod.Get || Method == HttpMethod.Delete ? null : JsonContent.Create(new { }),
    };

    public override string ToString() => $"{Method} {Template}";

    /// <summary>
    /// Every operation of the running host, read from <c>/openapi/v1.json</c>: endpoints added after these specs were
    /// written are covered without editing them.
    /// </summary>
    public static async Task<IReadOnlyList<ApiRoute>> ReadAsync(HostProcess host)
    {
        using var anonymous = host.Anonymous();
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var routes = new List<ApiRoute>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "get" or "post" or "put" or "delete" or "patch")
                    routes.Add(new ApiRoute(new HttpMethod(operation.Name.ToUpperInvariant()), path.Name));
            }
        }
        return routes;
    }

    /// <summary>Every property name of the request and response schemas the OpenAPI document declares.</summary>
    public static async Task<IReadOnlyList<string>> ReadFieldNamesAsync(HostProcess host)
    {
        using var anonymous = host.Anonymous();
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var schemas))
        {
            foreach (var schema in schemas.EnumerateObject())
            {
                if (schema.Value.TryGetProperty("properties", out var properties))
                    names.UnionWith(properties.EnumerateObject().Select(p => p.Name));
            }
        }
        return [.. names];
    }
}
