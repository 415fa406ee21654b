using System.Collections.Frozen;

namespace Crisis.Ingestion.Scoring;

/// <summary>
/// A small hand-written list of clearly negative and positive words in the languages Crisis hears, plus
/// negation cues. Each hit adds a shared polarity feature, so that a word the training tweets rarely use
/// ("remboursez", "خايبة", "5ayba") still counts like its common synonyms: the corpus has few brand
/// complaints, and its English tweets (2017 politics) differ from the dev tweets, so n-grams alone
/// generalise poorly. Entries go through the same normaliser as mentions, so spelling variants fold.
/// </summary>
internal static class SentimentLexicon
{
    public const string NegativeToken = "<lex:negative>";
    public const string PositiveToken = "<lex:positive>";
    public const string NegatedPositiveToken = "<lex:negated-positive>";
    public const string NegatedNegativeToken = "<lex:negated-negative>";
    public const string NegationToken = "<negation>";

    /// <summary>How many tokens after a negation cue it still flips a polarity word ("not really good at all").</summary>
    public const int NegationReach = 3;

    private static readonly FrozenSet<string> Negative = Build(
        // English
        "bad worst worse terrible horrible awful hate hated hates hating sucks suck sucked poor fail failed fails failure " +
        "disappointed disappointing disappointment angry annoyed annoying upset sad unhappy miserable pathetic useless " +
        "broken scam fraud ripoff refund complaint complain complaining rude slow delay delayed wrong problem problems " +
        "issue issues error crash crashed outage stupid idiot idiots dumb ugly disgusting gross nasty shit crap damn wtf " +
        "fuck fucking fucked hell bloody sick tired bored boring lame fake lie lies liar cheat cheated stolen steal kill " +
        "killed dead death died die dies attack attacks terror terrorist terrorists war crisis fear scared afraid worry " +
        "worried shame ashamed embarrassing ridiculous insane mess disaster tragic tragedy hurt hurts pain painful cry " +
        "crying tears lose losing loss cancelled canceled ruined ruin destroyed racist sexist evil corrupt blame unfair " +
        "unacceptable incompetent furious outraged mad hostile riot ugh smh meh grr argh sucks worthless garbage trash " +
        "awful horrific horrendous nightmare stuck unable refused denied avoid beware warning regret terrible " +
        "miss missing sorry unfortunately sadly dislike bothered bother annoy frustrated frustrating irritating " +
        "postponed dammit injured injury ill rip loser losers weak shameful disgrace disgraceful embarrassed " +
        "nervous anxious depressed depressing lonely cried scary creepy mistake hypocrite hypocrisy liars " +
        "threat threats violence violent shooting murder murdered rape abuse bomb bombing arrested prison jail " +
        "illegal fight fighting hating unhappy sucky trash ruins screwed pissed bullshit dumbest worst " +
        "overpriced rubbish cheated unreliable disconnected cancel hacked hostage victims victim tragic " +
        "doubt problem suffer suffering poverty crash crashes defeat defeated ashamed fault guilty " +
        // French
        "nul nulle nuls mauvais mauvaise pire horrible affreux déçu déçue déçus décevant décevante honte honteux arnaque " +
        "arnaqueurs scandale scandaleux colère énervé énervée marre panne coupé coupure lent lente retard inadmissible " +
        "inacceptable inutile incompétent incompétents catastrophe désastre triste malheureux peur mort morte mourir tué " +
        "tuer merde putain con connard connards salaud idiot stupide débile pourri naze remboursez rembourser " +
        "remboursement plainte malade douleur pleurer perdu menteur menteurs mensonge mensonges voleur voleurs danger " +
        "dangereux déteste haine hais dégoûté dégoûtant désolé sale ennui ennuyeux bordel foutu crever meurtre sang " +
        "blessé souffrir souffre faute grave problème problèmes honteuse minable lamentable escroc escroquerie galère " +
        "inquiet inquiète angoisse désespoir désespéré malheur pleure pleurs tristesse crainte craint effrayant " +
        "terrible terribles pénible insupportable déçoit dommage hélas attaque guerre tué morts victime victimes " +
        "injuste injustice mensonger faux fausse bête conneries chiant chiante emmerde vol volé trahi trahison " +
        // Arabic script: MSA and dialects
        "سيء سيئ سيئه سيئين اسوا فاشل فاشله فاشلين فشل زفت خايب خايبه خامج حرام كذب كذاب كذابين حقير حقيره تافه تافهه " +
        "غبي اغبياء حمار حمير كلب كلاب وسخ زباله قذر مقرف سخيف ظلم ظالم ظالمين فساد فاسد فاسدين حرامي حراميه لصوص " +
        "سرقه نصب نصاب نصابين احتيال مشكل مشكله مشاكل عيب عار خزي للاسف الاسف حزين حزن زعلان غضب غاضب قرف كره اكره " +
        "نكره موت مات قتل قتلي ارهاب ارهابي دمار كارثه مصيبه خراب ضعيف رديء رديئه بطيء مقطوع انقطاع تاخير يخرب لعنه " +
        "يلعن تفو تبا خساره خاسر فضيحه مهزله مسخره بهدله تبهليل حشومه شوهه ذل قبيح خنزير نذل مجرم مجرمين جريمه عنصري " +
        "خيانه خائن خونه منافق منافقين نفاق تعبت تعبان مريض يبكي ملل ممل مخيب غلاء مسخوط الحكره حكره ذباب زبل " +
        "ميزيريا معفن خنز تخلف متخلف متخلفين وسخين فاشلون خسيس وقح وقاحه اهانه مهين يكذب يسرق " +
        "كريه بشع فظيع مؤسف اسف مخجل غش غشاش خداع مخادع ضرر اضرار معاناه يعاني فقر جوع بطاله " +
        "ظلام قمع اعتقال سجن تعذيب عدوان احتلال مذبحه مجزره شهداء ضحايا قهر حسره خيبه اكتئاب " +
        "مقهور زهقت زهقنا تعبنا طفح كرهت كرهنا فاشله مزعج ازعاج غلط اخطاء خطا عطل معطل " +
        // Arabizi
        "5ayba 5ayeb khayba khayeb khamej 5amej mochkla mochkel machakil ta3ban ta3bana 7ram hram 7chouma hchouma " +
        "chouha mossiba msiba kadheb kadhab kdab kdeb 7mar hmar kelb klab wsakh wsekh z3af za3fan mkalakh zebla zbel " +
        "mrid 3ib 3ar fachel fachla khra khara 7a9ir ha9ir tafeh tfou tfo 7agra hogra 9bi7 9bi7a mossiba ma3fen " +
        "mesmoum m9atel 7chiana khayeb 3yina 3iyan sra9 sar9in chfara chfar mcharmel 5ra " +
        EnglishLexicon.Negative);

    private static readonly FrozenSet<string> Positive = Build(
        // English
        "good great best love loved loves lovely amazing awesome excellent fantastic wonderful happy glad thanks thank " +
        "nice cool perfect beautiful brilliant enjoy enjoyed fun excited exciting congrats congratulations win won " +
        "winning favorite favourite proud recommend helpful quick super yay haha hope hopefully blessed thankful " +
        "grateful wow cute sweet incredible impressive outstanding superb delighted pleased appreciate appreciated " +
        // French
        "merci super génial geniale excellent excellente parfait parfaite bravo top content contente heureux heureuse " +
        "adore aime magnifique formidable chouette sympa félicitations beau belle joli jolie efficace satisfait " +
        "satisfaite recommande merveilleux merveilleuse incroyable ravi ravie amour plaisir drôle bonheur meilleur " +
        // Arabic script
        "شكرا شكر ممتاز ممتازه رائع رائعه جميل جميله زوين زوينه مزيان مزيانه بنين باهي باهيه حلو حلوه احسن افضل " +
        "الحمدلله مبروك مبارك تبارك ماشاء ماشاءالله بالتوفيق حب احب نحب نحبك احبك حبيبي يعطيك يعطيكم برافو تحيه " +
        "عظيم فرح فرحان سعيد سعاده مبدع ابداع روعه هايل جامد تحفه موفق نجاح ناجح فخر فخور يسلمو تسلم امين " +
        "ممتازين عاجبني عجبني يحفظك رحمه بارك جميلين متالق تالق احسنت " +
        // Arabizi
        "behi behia behiya bahi bahia mzyan mzyana mezyan zwin zwina zouin zouina mabrouk mabrok merci bravo " +
        "3ajbni 3jebni 3jbni yaatik ya3tik sa7a saha sahit 7abib 7bibi habibi nhebek n7ebek nhbk n7abek top " +
        "barakallah tbarkallah tbarklah hamdoulah hamdullah 7amdoullah machallah mashallah " +
        "rou3a roo3a wa3er wa3ra 5ir khir ahla " +
        EnglishLexicon.Positive);

    private static readonly FrozenSet<string> NegationCues = Build(
        "not no never dont don t isn wasn aren weren doesn didn wouldn couldn shouldn cannot cant without nothing " +
        "nobody neither nor hardly ne pas jamais rien aucun aucune sans ni " +
        "ما لا لم لن ليس مش مو موش ماشي مافي ماكاين مكانش بلا بدون " +
        "mch mouch mech msh machi mafama makanch makaynch bla mahouch mahich");

    public static bool IsNegative(string token) => Negative.Contains(token);

    public static bool IsPositive(string token) => Positive.Contains(token);

    public static bool IsNegationCue(string token) => NegationCues.Contains(token);

    /// <summary>Entries are normalised like mentions, so that their spelling variants fold the same way.</summary>
    private static FrozenSet<string> Build(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(w => TextNormalizer.Normalize(w).Tokens)
            .ToFrozenSet(StringComparer.Ordinal);
}
