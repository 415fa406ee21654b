using System.Net;
using System.Text;

namespace Crisis.Connectors.Sources;

/// <summary>HTML (a Mastodon status, a feed summary) as the text people read: paragraphs and line breaks kept as line breaks, tags dropped, entities decoded.</summary>
internal static class HtmlText
{
    public static string ToText(string html)
    {
        var text = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            if (html[i] != '<')
            {
                var next = html.IndexOf('<', i);
                if (next < 0) next = html.Length;
                text.Append(WebUtility.HtmlDecode(html[i..next]));
                i = next;
                continue;
            }
            var close = html.IndexOf('>', i);
            if (close < 0) break;
            var tag = html[(i + 1)..close].TrimStart('/').Split(' ', 2)[0].ToLowerInvariant();
            if (tag is "br" or "br/" || (tag == "p" && html[i + 1] == '/')) text.Append('\n');
            i = close + 1;
        }
        return text.ToString().Trim();
    }
}
