using System.Collections.Frozen;

namespace Crisis.Ingestion.Scoring;

/// <summary>
/// Polarity of the most frequent emoji, from the Emoji Sentiment Ranking v1.0: P. Kralj Novak, J. Smailović,
/// B. Sluban, I. Mozetič, "Sentiment of Emojis", PLoS ONE 10(12): e0144296, 2015
/// (https://doi.org/10.1371/journal.pone.0144296; data CC BY-SA 4.0, http://hdl.handle.net/11356/1048).
/// Each row is an emoji and how many of the 1.6 million labelled tweets of that study holding it were
/// negative, neutral and positive; the sentiment score is the paper's p(+) − p(−) with Laplace smoothing,
/// written after each row. Rows kept: the faces, hearts, hands and a few symbols seen 100 times or more
/// (not arrows, boxes, letters or the replacement character, which carry no mood).
/// </summary>
internal static class EmojiSentimentRanking
{
    /// <summary>Scores at or below this count as negative: even 😭 (−0.09) mostly marks distress in replies to a brand.</summary>
    public const double NegativeAtOrBelow = -0.05;

    /// <summary>Scores at or above this count as positive; 😂 (+0.22) and 😱 (+0.20) stay in between, being used both ways.</summary>
    public const double PositiveAtOrAbove = 0.30;

    private static readonly FrozenDictionary<string, double> ScoreByToken = Rows()
        .ToFrozenDictionary(r => EmojiTokens.TokenFor(r.CodePoint), r => Score(r.Negative, r.Neutral, r.Positive));

    /// <summary>The ranking's sentiment score of an emoji token such as "&lt;e1f621&gt;", if the emoji is ranked.</summary>
    public static double? ScoreOf(string token) => ScoreByToken.TryGetValue(token, out var score) ? score : null;

    public static int Count => ScoreByToken.Count;

    private static double Score(int negative, int neutral, int positive)
    {
        double n = negative + neutral + positive + 3;
        return (positive + 1) / n - (negative + 1) / n;
    }

    private static (int CodePoint, int Negative, int Neutral, int Positive)[] Rows() =>
    [
        (0x1F602, 3614, 4163, 6845), // 😂 +0.221
        (0x2764, 355, 1334, 6361), // ❤ +0.746
        (0x2665, 252, 1942, 4950), // ♥ +0.657
        (0x1F60D, 329, 1390, 4640), // 😍 +0.678
        (0x1F62D, 2412, 1218, 1896), // 😭 -0.093
        (0x1F618, 193, 702, 2753), // 😘 +0.701
        (0x1F60A, 189, 754, 2243), // 😊 +0.644
        (0x1F44C, 274, 728, 1923), // 👌 +0.563
        (0x1F495, 99, 683, 1618), // 💕 +0.632
        (0x1F44F, 243, 634, 1459), // 👏 +0.520
        (0x1F601, 278, 648, 1263), // 😁 +0.449
        (0x263A, 128, 449, 1485), // ☺ +0.657
        (0x2661, 102, 448, 1425), // ♡ +0.669
        (0x1F44D, 213, 460, 1181), // 👍 +0.521
        (0x1F629, 1069, 336, 403), // 😩 -0.368
        (0x1F64F, 124, 648, 767), // 🙏 +0.417
        (0x270C, 173, 476, 885), // ✌ +0.463
        (0x1F60F, 170, 676, 676), // 😏 +0.332
        (0x1F609, 151, 513, 857), // 😉 +0.463
        (0x1F64C, 152, 358, 996), // 🙌 +0.559
        (0x1F648, 238, 350, 868), // 🙈 +0.432
        (0x1F4AA, 101, 424, 884), // 💪 +0.555
        (0x1F604, 191, 426, 781), // 😄 +0.421
        (0x1F612, 819, 266, 300), // 😒 -0.374
        (0x1F483, 59, 237, 1048), // 💃 +0.734
        (0x1F496, 54, 254, 955), // 💖 +0.712
        (0x1F603, 86, 361, 759), // 😃 +0.557
        (0x1F614, 559, 263, 383), // 😔 -0.146
        (0x1F631, 298, 319, 513), // 😱 +0.190
        (0x1F389, 43, 207, 875), // 🎉 +0.738
        (0x1F61C, 115, 333, 587), // 😜 +0.455
        (0x1F338, 37, 255, 654), // 🌸 +0.650
        (0x1F49C, 41, 241, 657), // 💜 +0.654
        (0x1F499, 29, 186, 697), // 💙 +0.730
        (0x2728, 43, 463, 342), // ✨ +0.351
        (0x1F633, 277, 277, 292), // 😳 +0.018
        (0x1F497, 42, 201, 593), // 💗 +0.657
        (0x1F621, 403, 81, 272), // 😡 -0.173
        (0x1F60E, 79, 224, 451), // 😎 +0.491
        (0x1F622, 288, 168, 293), // 😢 +0.007
        (0x1F48B, 28, 169, 537), // 💋 +0.691
        (0x1F60B, 33, 203, 498), // 😋 +0.631
        (0x1F64A, 97, 197, 431), // 🙊 +0.459
        (0x1F634, 303, 170, 245), // 😴 -0.080
        (0x1F49E, 27, 123, 537), // 💞 +0.739
        (0x1F60C, 93, 157, 415), // 😌 +0.482
        (0x1F525, 80, 400, 171), // 🔥 +0.139
        (0x1F4AF, 179, 202, 256), // 💯 +0.120
        (0x1F52B, 298, 126, 180), // 🔫 -0.194
        (0x1F49B, 25, 123, 454), // 💛 +0.709
        (0x1F49A, 41, 101, 395), // 💚 +0.656
        (0x1F61E, 255, 85, 192), // 😞 -0.118
        (0x1F606, 81, 148, 298), // 😆 +0.409
        (0x1F61D, 65, 155, 276), // 😝 +0.423
        (0x1F62A, 208, 105, 169), // 😪 -0.080
        (0x1F62B, 227, 81, 159), // 😫 -0.145
        (0x1F605, 135, 109, 218), // 😅 +0.178
        (0x1F44A, 121, 111, 226), // 👊 +0.228
        (0x1F480, 214, 123, 119), // 💀 -0.207
        (0x1F600, 37, 114, 288), // 😀 +0.568
        (0x1F61A, 20, 81, 323), // 😚 +0.710
        (0x1F63B, 28, 101, 288), // 😻 +0.619
        (0x1F498, 18, 87, 290), // 💘 +0.683
        (0x270B, 124, 82, 172), // ✋ +0.126
        (0x1F38A, 20, 59, 284), // 🎊 +0.721
        (0x1F625, 108, 83, 150), // 😥 +0.122
        (0x1F615, 205, 66, 69), // 😕 -0.397
        (0x1F494, 136, 96, 96), // 💔 -0.121
        (0x1F624, 157, 82, 88), // 😤 -0.209
        (0x1F608, 66, 106, 153), // 😈 +0.265
        (0x1F630, 132, 44, 126), // 😰 -0.020
        (0x1F611, 154, 85, 60), // 😑 -0.311
        (0x1F451, 12, 65, 221), // 👑 +0.694
        (0x1F639, 88, 77, 130), // 😹 +0.141
        (0x1F381, 11, 45, 232), // 🎁 +0.759
        (0x1F620, 163, 49, 76), // 😠 -0.299
        (0x1F388, 4, 68, 205), // 🎈 +0.718
        (0x1F613, 118, 59, 96), // 😓 -0.080
        (0x1F623, 147, 35, 89), // 😣 -0.212
        (0x1F610, 150, 76, 44), // 😐 -0.388
        (0x270A, 37, 79, 154), // ✊ +0.429
        (0x1F628, 117, 73, 79), // 😨 -0.140
        (0x1F616, 130, 50, 88), // 😖 -0.155
        (0x1F493, 15, 55, 189), // 💓 +0.664
        (0x1F44E, 128, 51, 79), // 👎 -0.188
        (0x1F637, 117, 54, 75), // 😷 -0.169
        (0x1F64B, 30, 60, 146), // 🙋 +0.485
        (0x1F4A9, 94, 68, 67), // 💩 -0.116
        (0x1F61B, 18, 50, 152), // 😛 +0.601
        (0x1F62C, 57, 58, 99), // 😬 +0.194
        (0x1F48E, 11, 68, 230), // 💎 +0.702
        (0x1F382, 16, 44, 141), // 🎂 +0.613
        (0x1F31F, 11, 111, 77), // 🌟 +0.327
        (0x1F3C6, 6, 39, 149), // 🏆 +0.726
        (0x1F619, 3, 34, 154), // 😙 +0.778
        (0x1F52A, 38, 94, 51), // 🔪 +0.070
        (0x1F339, 3, 61, 108), // 🌹 +0.600
        (0x1F646, 15, 54, 102), // 🙆 +0.500
        (0x1F645, 76, 47, 42), // 🙅 -0.202
        (0x2B50, 5, 55, 99), // ⭐ +0.580
        (0x1F607, 9, 36, 90), // 😇 +0.587
        (0x1F63F, 78, 29, 27), // 😿 -0.372
        (0x1F4A3, 40, 50, 41), // 💣 +0.007
        (0x1F632, 50, 38, 41), // 😲 -0.068
        (0x1F636, 50, 34, 33), // 😶 -0.142
        (0x1F49D, 8, 23, 84), // 💝 +0.644
        (0x1F635, 33, 28, 42), // 😵 +0.085
    ];
}
