using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crisis.CrisisCell.Notifying.Channels;

/// <summary>
/// A Microsoft Teams-compatible incoming webhook body, as a MessageCard: connectors and Workflows both accept it,
/// and its HttpPOST action puts the acknowledgement one click away.
/// </summary>
public static class TeamsPayload
{
    public static string Body(NotificationMessage message) => JsonSerializer.Serialize(new Card(
        "MessageCard", "https://schema.org/extensions", message.Headline, message.Severity >= 8 ? "B00020" : "E07000", message.Headline,
        [
            new Section(message.Title, null, [
                new Fact(message.Label("brand"), message.BrandDisplay),
                new Fact(message.Label("severity"), message.SeverityLine),
                new Fact(message.Label("phase"), message.PhaseLine),
                new Fact(message.Label("evidence"), message.EvidenceLine),
                new Fact(message.Label("nextStep"), message.NextStepLine),
                // Teams' incoming webhooks cannot dedupe: the key is shown, the same on every copy of this delivery.
                new Fact(message.Label("deliveryKey"), message.IdempotencyKey),
            ]),
            .. message.TopPosts.Select(p => new Section(message.Byline(p), p.Excerpt, [])),
        ],
        [new Action("HttpPOST", NotificationMessage.Texts.Text(message.Language, "acknowledgeAction"), message.AcknowledgeUrl.ToString())]), ChannelJson.Options);

    private sealed record Card(
        [property: JsonPropertyName("@type")] string Type,
        [property: JsonPropertyName("@context")] string Context,
        string Summary,
        string ThemeColor,
        string Title,
        IReadOnlyList<Section> Sections,
        IReadOnlyList<Action> PotentialAction);

    private sealed record Section(string ActivityTitle, string? Text, IReadOnlyList<Fact> Facts);

    private sealed record Fact(string Name, string Value);

    private sealed record Action([property: JsonPropertyName("@type")] string Type, string Name, string Target);
}
