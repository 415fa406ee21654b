using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crisis.PersonalData.Reading;

/// <summary>Answers with a read model whose quoted posts get their author and excerpt from <c>mention_keys</c> on the way out.</summary>
public static class QuotedPostResponses
{
    /// <param name="scope">Whose copies of the posts to read: the brand (and organisation) the model is about.</param>
    public static async Task<IResult> OkWithQuotedPostsAsync(this HttpContext http, object value, PostScope scope, CancellationToken ct)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var document = JsonSerializer.SerializeToNode(value, value.GetType(), options);
        var resolved = await http.RequestServices.GetRequiredService<PostContents>().ResolveEvidenceAsync(document, scope, ct);
        return Results.Json(resolved, options);
    }
}
