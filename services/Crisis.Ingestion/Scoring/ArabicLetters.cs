namespace Crisis.Ingestion.Scoring;

/// <summary>
/// Folds the Arabic letter variants that writers use interchangeably, so that one word has one spelling
/// for the model: hamzated alef forms, ta marbuta / ha, alef maqsura / ya, Persian/Urdu look-alikes.
/// </summary>
internal static class ArabicLetters
{
    private const char Tatweel = '\u0640';

    public static bool IsArabicLetter(char c) =>
        c is >= '\u0621' and <= '\u064A' or >= '\u0671' and <= '\u06D3' or >= '\u0750' and <= '\u077F'
            or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFC';

    /// <summary>Diacritics (harakat, shadda, sukun, superscript alef) and tatweel carry no sentiment: drop them.</summary>
    public static bool IsIgnorable(char c) =>
        c is >= '\u064B' and <= '\u065F' or '\u0670' or Tatweel or >= '\u06D6' and <= '\u06ED';

    public static char Fold(char c) => c switch
    {
        'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' or 'ی' or 'ې' => 'ي',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ک' => 'ك',
        'ڤ' => 'ف',
        'گ' => 'ك',
        'ہ' or 'ھ' => 'ه',
        _ => c,
    };

    public static bool IsArabicDigit(char c) => c is >= '\u0660' and <= '\u0669' or >= '\u06F0' and <= '\u06F9';
}
