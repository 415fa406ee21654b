namespace Crisis.Cli.Sampling;

/// <summary>Short posts in the languages Crisis watches, written for the synthetic scenarios (not taken from any data set).</summary>
public static class PostTemplates
{
    public static readonly string[] Neutral =
    [
        "{0} annonce de nouveaux horaires pour l'hiver",
        "Quelqu'un a déjà testé l'application de {0} ?",
        "Anyone flying {0} to Casablanca next week?",
        "{0} opens a new office downtown",
        "واش {0} عندهم عروض هاد الشهر؟",
        "أعلنت {0} عن خدمة جديدة اليوم",
        "chkoun jarreb {0} 9bel? kifech l'khedma?",
        "Reading about {0}'s results this quarter",
    ];

    public static readonly string[] Negative =
    [
        "{0} a encore perdu mes bagages, personne ne répond au service client",
        "Honteux ! {0} annule le vol sans prévenir et sans remboursement",
        "Worst experience ever with {0}, three hours on hold and no refund",
        "{0} charged me twice and support keeps ignoring me #boycott",
        "خدمة {0} سيئة جدا، ضاعت حقيبتي ولا أحد يجيب",
        "علاش {0} ما كيجاوبوش؟ هادي فضيحة 😡",
        "{0} 3lach ma tjawbouch? khedma khayba bzaf, 7chouma",
        "ya3ni {0} nsaw l'bagage dyali w walou remboursement 😤",
        "لن أتعامل مع {0} مرة أخرى، استغلال للزبائن",
        "C'est un scandale, {0} se moque de ses clients 😡😡",
    ];

    public static readonly string[] Positive =
    [
        "Merci {0} pour la promo, livraison super rapide 👍",
        "Great deal from {0} today, love it!",
        "شكرا {0} على العرض الرائع 😍",
        "{0} top service, ya3tikom saha 👏",
        "Je recommande {0}, équipe au top",
        "العرض ديال {0} زوين بزاف، مبروك",
    ];
}
