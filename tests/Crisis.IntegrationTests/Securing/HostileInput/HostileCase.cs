using System.Text.Json.Nodes;

namespace Crisis.IntegrationTests.Securing.HostileInput;

/// <summary>
/// One hostile request and the answer it must get: its status and the field the problem names (null when no field is
/// to blame, e.g. an unknown route). <c>{brand}</c> and <c>{incident}</c> in the path and body stand for a brand and
/// an incident of the caller's own organisation.
/// </summary>
public sealed record HostileCase(
    string Family, string Name, HttpMethod Method, string Path, string? Body, int Status, string? Field,
    string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null)
{
    public override string ToString() => $"{Family}: {Name}";

    private const string Slot = "\"__hostile__\"";

    /// <summary>
    /// A JSON body: <paramref name="valid"/> with <paramref name="field"/> set to <paramref name="rawValue"/>, spliced in
    /// as raw text so that escapes a serializer would repair (lone surrogates) reach the server as written.
    /// </summary>
    public static string BodyWith(JsonObject valid, string field, string rawValue)
    {
        var body = (JsonObject)valid.DeepClone();
        body[field] = "__hostile__";
        return body.ToJsonString().Replace(Slot, rawValue, StringComparison.Ordinal);
    }
}
