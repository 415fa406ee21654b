using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Crisis.CrisisCell.Notifying.Channels;

internal static class ChannelJson
{
    /// <summary>Arabic and other scripts go out as themselves, not as \u escapes, so receivers and logs show them intact.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };
}
