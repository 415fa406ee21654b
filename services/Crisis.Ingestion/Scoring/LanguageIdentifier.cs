using System.Collections.Frozen;

namespace Crisis.Ingestion.Scoring;

/// <summary>
/// Tells which language family a mention is written in, from character statistics and function words:
/// the script decides Arabic (or Other); Latin-script text is Arabizi when words mix letters with the digits
/// that stand for Arabic sounds (3, 7, 9, 5, 2, 8) or are common dialect words, else French or English by
/// their function words and accents; Latin text with none of these cues counts as Arabizi. Other is left for
/// other scripts (Cyrillic, Hebrew, CJK…). Rules, not a model: they explain themselves and need no training data.
/// </summary>
internal static partial class LanguageIdentifier
{
    private static readonly FrozenSet<string> EnglishWords = Words(
        "the a an and is are was were be been being i you he she it we they my your his her our their this that " +
        "these those to of in on for with at by from not no don didn doesn isn wasn can't just so what how why who " +
        "when where have has had will would can could do does did if but or all about get got like me him them up " +
        "out more today tomorrow yesterday new good bad worst best love hate money back ever never want im its " +
        "thanks thank please people going gonna wanna u ur lol omg amazing awesome terrible awful great happy sad " +
        "still even really think know see one first last night watch game world year years via after before");

    private static readonly FrozenSet<string> FrenchWords = Words(
        "le les de des du un une et est je tu il elle nous vous ils elles on ce cette ces ça pas ne que qui quoi " +
        "pour avec dans sur mais où mon mes ton ta tes son sa ses votre vos notre nos au aux c j n d qu suis êtes " +
        "sont avez avoir être été fait faire très bien merci oui non rien tout tous plus moi toi lui comme alors " +
        "encore jamais toujours bonjour nul vraiment quand peut veux faut sais ai as avait était va vais trop " +
        "aussi même ici là chez sans rien monsieur madame voilà cela ceci leur leurs dont");

    private static readonly FrozenSet<string> ArabiziWords = Words(
        "w wa fi f el ya mch mouch mech msh bech bach rabi rabbi allah wallah walah wlh inchallah nchallah " +
        "hamdoulah ena ana enti inti nta houwa howa hiya ahna kifech kifach chnou chno ach wach bzaf barcha barsha " +
        "yesser bark zeda zada kima kif tah dyal dial diel hadi hada hedha hedhi hedhom fih fiha mta walou " +
        "ghir rak rahi raho ki kan kont chi machi mazal daba drari khoya khouya mabrouk tfou yarabi hh " +
        "yaw nti ntoma 3la 3lik m3a m3ak 7ata hta bla lkol ta3 mta3 3andi 3ando 5ir 9al 7aja 3lach kho " +
        "sahbi sa7bi yatik ya3tik hak ness nes lyoum ahla bnin mrigel behi bahi behy tounes twensa " +
        "maroc lmaghrib lbled bled chkoun chkon chkun wesh wech kayen kayn makayn chokran chokrane choukran " +
        "mala mela dima yaser yesser maset masset mamset zeyd zayed kleb rajel rajl mahla hayel 3ayech " +
        "sahtek sa7tek rabbi nchalah inshallah yarbi ya3ni y3ni 3lik 3likom bezzaf bzzaf barcha yezi yezzi");

    public static MentionLanguage Identify(NormalizedMention mention)
    {
        if (!mention.HasWords)
        {
            return MentionLanguage.Unknown;
        }

        if (mention.ArabicLetters * 2 >= mention.Letters)
        {
            return MentionLanguage.Arabic;
        }

        if (mention.OtherLetters * 2 >= mention.Letters)
        {
            return MentionLanguage.Other;
        }

        return IdentifyLatin(mention.Tokens);
    }

    private static MentionLanguage IdentifyLatin(IReadOnlyList<string> tokens)
    {
        int english = 0, french = 0, arabizi = 0;
        foreach (var token in tokens)
        {
            if (LooksLikeArabiziSpelling(token))
            {
                arabizi += 2;
            }

            if (ArabiziWords.Contains(token))
            {
                arabizi++;
            }

            if (EnglishWords.Contains(token))
            {
                english++;
            }

            if (FrenchWords.Contains(token) || HasFrenchAccent(token))
            {
                french++;
            }
        }

        // Latin text with no French or English function word and no accent is, among the mentions Crisis
        // hears, dialect in Arabizi far more often than a third language: short comments such as
        // "yesser mzyouna" or "bravo Sami" carry no cue at all.
        if (arabizi == 0 && english == 0 && french == 0)
        {
            return MentionLanguage.Arabizi;
        }

        // French borrowings are common in Maghrebi Arabizi, so Arabizi wins ties against French.
        if (arabizi >= french && arabizi >= english)
        {
            return MentionLanguage.Arabizi;
        }

        return french > english ? MentionLanguage.French : MentionLanguage.English;
    }

    /// <summary>"3la", "7aja", "m3a", "sa7a": a digit inside a Latin word spells an Arabic consonant;
    /// "7am", "3rd", "9pm", "2nd" are times and ordinals.</summary>
    private static bool LooksLikeArabiziSpelling(string token)
    {
        if (TimeOrOrdinal().IsMatch(token))
        {
            return false;
        }

        var hasLatinLetter = false;
        var hasSoundDigit = false;
        foreach (var c in token)
        {
            hasLatinLetter |= c is >= 'a' and <= 'z';
            hasSoundDigit |= c is '2' or '3' or '5' or '7' or '8' or '9';
        }

        return hasLatinLetter && hasSoundDigit;
    }

    private static readonly System.Buffers.SearchValues<char> FrenchAccents = System.Buffers.SearchValues.Create("éèêàçùâîôûëï");

    private static bool HasFrenchAccent(string token) => token.AsSpan().ContainsAny(FrenchAccents);

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]+(?:am|pm|st|nd|rd|th|s|k|h|m|min|km|kg|g|gb|mb|x|p|ans|e|er|eme|ème)$")]
    private static partial System.Text.RegularExpressions.Regex TimeOrOrdinal();

    private static FrozenSet<string> Words(string spaceSeparated) =>
        spaceSeparated.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}
