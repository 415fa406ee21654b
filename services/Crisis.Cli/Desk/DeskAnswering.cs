using System.Text.Json;

namespace Crisis.Cli.Desk;

/// <summary>Claiming then answering, as a responder does it in the dashboard.</summary>
public static class DeskAnswering
{
    public sealed record Sent(string AnswerId, string? PublicUrl);

    /// <summary>
    /// A claim first, so that nobody else answers the same person meanwhile (the claim is the responder's already when
    /// they hold it: claiming again renews it); the answer is recorded only once its publisher took it.
    /// </summary>
    public static async Task<Sent> ClaimAndAnswerAsync(ApiClient api, string conversation, string text, string language, string? answerId, CancellationToken ct)
    {
        await api.PostAsync(DeskPaths.Conversation(conversation) + "/claim", new { }, ct);
        var sent = await api.PostAsync(DeskPaths.Conversation(conversation) + "/answers", new { answerId, text, language }, ct);
        return new Sent(sent.GetProperty("answerId").GetString()!, ApiValues.Text(sent, "publicUrl"));
    }

    /// <summary>The short code answers carry (ar, fr, en, arabizi) from the language a queue row names (arabic, french…).</summary>
    public static string LanguageCodeOf(JsonElement row) =>
        ApiValues.Text(row, "language") switch
        {
            "arabic" => "ar",
            "french" => "fr",
            "english" => "en",
            "arabizi" => "arabizi",
            var other => string.IsNullOrEmpty(other) || other == "unknown" ? "und" : other,
        };
}
