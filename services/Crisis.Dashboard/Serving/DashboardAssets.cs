using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace Crisis.Dashboard.Serving;

/// <summary>
/// The dashboard's files, read once from the assembly's embedded resources (named <c>dashboard/{file}</c> by the
/// project file). Served with an ETag and <c>no-cache</c>: the browser revalidates, so a new host version is picked up
/// at the next load without stale JavaScript modules mixing with new ones.
/// </summary>
public sealed class DashboardAssets
{
    private const string Prefix = "dashboard/";
    private readonly FrozenDictionary<string, Asset> files;

    private DashboardAssets(FrozenDictionary<string, Asset> files) => this.files = files;

    public static DashboardAssets Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[Prefix.Length..];
            if (!types.TryGetContentType(name, out var type)) throw new InvalidOperationException($"dashboard file '{name}' has no known content type");
            // Text assets are UTF-8; saying so keeps Arabic in the pages intact whatever the browser would guess.
            if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal)) type += "; charset=utf-8";
            var bytes = copy.ToArray();
            files[name] = new Asset(bytes, type, $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"");
        }
        if (!files.ContainsKey("index.html")) throw new InvalidOperationException("the dashboard's index.html is not embedded in Crisis.Dashboard");
        return new DashboardAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public IResult Serve(string? path, HttpContext http)
    {
        var name = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (!files.TryGetValue(name, out var asset))
        {
            return Results.Problem(title: "No such dashboard page", detail: $"'/dashboard/{name}' is not part of the dashboard",
                statusCode: StatusCodes.Status404NotFound);
        }
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.ETag = asset.ETag;
        // The pages talk only to this host: no frames, no foreign scripts, styles or connections.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (http.Request.Headers.IfNoneMatch.ToString() == asset.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
