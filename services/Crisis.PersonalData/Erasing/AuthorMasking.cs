using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Crisis.PersonalData.Pseudonymising;
using Crisis.PersonalData.Reading;

namespace Crisis.PersonalData.Erasing;

/// <summary>
/// Masks one author of the public, named by handle, in a stored JSON document written before pseudonymisation, whatever its shape: a stored mention
/// (<c>author.handle</c>, <c>author.displayName</c>, <c>text</c>, <c>url</c>) or a post kept as evidence
/// (<c>author</c>, <c>excerpt</c>), wherever it sits (mention batches, buzz and incident events, read models, the
/// detector's saved state). The author becomes a keyed pseudonym, so counts of distinct authors still hold; what
/// they wrote becomes <see cref="Erased"/>. Pure: the command decides where the documents come from.
/// </summary>
public sealed class AuthorMasking
{
    public const string Erased = PostContent.ErasedMark;

    private readonly string[] platformNames;
    private readonly string handle;

    public AuthorMasking(string platformWireName, string platformName, string handle, string pseudonym)
    {
        platformNames = [platformWireName, platformName];
        this.handle = AuthorPseudonyms.NormaliseHandle(handle);
        Pseudonym = pseudonym;
    }

    /// <summary>A pseudonym under a throw-away key, for an author no organisation's key has named (only older events hold them).</summary>
    public static string RandomPseudonym(string platformWireName, string handle) =>
        AuthorPseudonyms.Of(RandomNumberGenerator.GetBytes(32), platformWireName, handle);

    /// <summary>What the author is called from now on, in the documents masked.</summary>
    public string Pseudonym { get; }

    /// <summary>Cheap pre-filter for a database scan: a document that does not contain this cannot name the author.</summary>
    public string SearchTerm => handle;

    /// <summary>Masks the author in place; the number of posts masked (0: the document is unchanged).</summary>
    public int Mask(JsonNode? node)
    {
        var masked = 0;
        switch (node)
        {
            case JsonObject o:
                if (IsThisAuthor(o))
                {
                    MaskPost(o);
                    masked++;
                }
                masked += MaskAuthorList(o);
                foreach (var (_, child) in o.ToList()) masked += Mask(child);
                break;
            case JsonArray a:
                foreach (var child in a.ToList()) masked += Mask(child);
                break;
        }
        return masked;
    }

    /// <summary>The detector's open buckets keep the handles they have seen (to count distinct authors): the pseudonym
    /// takes the handle's place, so the count stays right.</summary>
    private int MaskAuthorList(JsonObject o)
    {
        if (o["authors"] is not JsonArray authors) return 0;
        var masked = 0;
        for (var i = 0; i < authors.Count; i++)
        {
            if (authors[i] is JsonValue value && value.TryGetValue<string>(out var name) && AuthorPseudonyms.NormaliseHandle(name) == handle)
            {
                authors[i] = Pseudonym;
                masked++;
            }
        }
        return masked;
    }

    private bool IsThisAuthor(JsonObject o)
    {
        var author = o["author"] switch
        {
            JsonValue value when value.TryGetValue<string>(out var name) => name,
            JsonObject profile when profile["handle"] is JsonValue value && value.TryGetValue<string>(out var name) => name,
            _ => null,
        };
        if (author is null || AuthorPseudonyms.NormaliseHandle(author) != handle) return false;
        // A post without a platform (never seen today) is taken as the author's: erring towards erasure.
        return o["platform"] is not JsonValue platform || !platform.TryGetValue<string>(out var p)
            || platformNames.Any(n => string.Equals(n, p, StringComparison.OrdinalIgnoreCase));
    }

    private void MaskPost(JsonObject post)
    {
        if (post["author"] is JsonObject profile)
        {
            profile["handle"] = Pseudonym;
            profile.Remove("displayName");
        }
        else
        {
            post["author"] = Pseudonym;
        }
        foreach (var field in new[] { "text", "excerpt" })
        {
            if (post.ContainsKey(field)) post[field] = Erased;
        }
        post.Remove("url");
    }
}
