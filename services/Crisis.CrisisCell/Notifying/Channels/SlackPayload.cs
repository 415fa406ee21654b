using System.Text.Json;

namespace Crisis.CrisisCell.Notifying.Channels;

/// <summary>A Slack-compatible incoming webhook body: <c>text</c> for notifications and clients without blocks, <c>blocks</c> for the rest.</summary>
public static class SlackPayload
{
    public static string Body(NotificationMessage message)
    {
        var blocks = new List<object>
        {
            new { type = "header", text = new { type = "plain_text", text = Truncate(message.Headline, 150) } },
            new { type = "section", fields = new[]
            {
                Markdown($"*{message.Label("brand")}*\n{message.BrandDisplay}"),
                Markdown($"*{message.Label("severity")}*\n{message.SeverityLine}"),
                Markdown($"*{message.Label("phase")}*\n{message.PhaseLine}"),
                Markdown($"*{message.Label("evidence")}*\n{message.EvidenceLine}"),
            } },
        };
        foreach (var post in message.TopPosts)
        {
            blocks.Add(new { type = "section", text = Markdown($"> {post.Excerpt}") });
            blocks.Add(new { type = "context", elements = new[] { Markdown(message.Byline(post)) } });
        }
        blocks.Add(new { type = "section", text = Markdown($"*{message.NextStepLine}*") });
        blocks.Add(new { type = "section", text = Markdown($"{message.AcknowledgeLine}") });
        // Slack's incoming webhooks cannot dedupe: the key is shown, so a person (or a workflow) sees a repeat for what it is.
        blocks.Add(new { type = "context", elements = new[] { Markdown(message.DeliveryKeyLine) } });
        return JsonSerializer.Serialize(new { text = message.Headline, blocks }, ChannelJson.Options);
    }

    private static object Markdown(string text) => new { type = "mrkdwn", text };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
