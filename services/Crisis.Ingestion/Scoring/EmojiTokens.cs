using System.Collections.Frozen;

namespace Crisis.Ingestion.Scoring;

/// <summary>
/// Turns emoji into words the model can weigh. Every emoji becomes its own token (the model learns its
/// weight), plus a coarse mood token from this hand-written list so that rare emoji of a known mood still
/// count: in short mentions an emoji is often the only sentiment cue.
/// </summary>
internal static class EmojiTokens
{
    private static readonly FrozenDictionary<int, string> MoodByCodePoint = BuildMoods();

    /// <summary>Pictographs, dingbats, symbols and flags; not digits, '#' or '*' which can also start keycaps.</summary>
    public static bool IsEmoji(int codePoint) =>
        codePoint is >= 0x1F000 and <= 0x1FAFF
            or >= 0x2600 and <= 0x27BF
            or >= 0x2300 and <= 0x23FF
            or >= 0x2B00 and <= 0x2BFF
            or 0x2764 or 0x203C or 0x2049 or 0x3030 or 0x303D;

    /// <summary>Joiners, variation selectors and skin tones only modify the emoji before them.</summary>
    public static bool IsModifier(int codePoint) =>
        codePoint is 0x200D or 0xFE0F or 0xFE0E or >= 0x1F3FB and <= 0x1F3FF or 0x20E3;

    public static string TokenFor(int codePoint) => "<e" + codePoint.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ">";

    public static string? MoodFor(int codePoint) => MoodByCodePoint.GetValueOrDefault(codePoint);

    private static FrozenDictionary<int, string> BuildMoods()
    {
        var moods = new Dictionary<int, string>();
        void Add(string mood, string emoji)
        {
            foreach (var rune in emoji.EnumerateRunes())
            {
                if (!IsModifier(rune.Value))
                {
                    moods[rune.Value] = mood;
                }
            }
        }

        Add("<mood:angry>", "😡😠🤬😤👿💢🖕");
        Add("<mood:sad>", "😢😭😞😔😟😥😿💔😩😫😣😖😓🥺☹🙁😕");
        Add("<mood:disgust>", "🤮🤢💩🤧😷");
        Add("<mood:scorn>", "🙄😒😑😐😶🤨😏🤦🤷👎");
        Add("<mood:fear>", "😱😨😰😬🥶😵🤯");
        Add("<mood:laugh>", "😂🤣😹😆😅😄😁😀😃");
        Add("<mood:love>", "❤😍🥰😘💕💖💗💓💞💘♥💙💚💛💜🧡🤍🖤😻🌹💐");
        Add("<mood:happy>", "😊☺🙂😌😇🤗😋😎🥳🎉✨🌟⭐");
        Add("<mood:approve>", "👍👏🙌💪👌✅💯🔥🏆🥇");
        Add("<mood:pray>", "🙏🤲");
        return moods.ToFrozenDictionary();
    }
}
