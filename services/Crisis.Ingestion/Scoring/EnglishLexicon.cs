namespace Crisis.Ingestion.Scoring;

/// <summary>
/// A larger hand-written English polarity list, added to <see cref="SentimentLexicon"/>: the English training
/// tweets (2017, mostly US politics) miss much of the everyday vocabulary of complaints about products, shows,
/// sport and daily life, so these words carry the shared polarity cue whatever the training topics were.
/// </summary>
internal static class EnglishLexicon
{
    public const string Negative =
        "abysmal abandon abandoned absurd abuse abused abusive aggravating aggravated agony alarming annoyance " +
        "appalled appalling apathetic arrogant ashamed atrocious awkward backfire backfired bankrupt banned " +
        "bastard bitch bitches bitching bitter bizarre blah bleh blamed blows blunder bogus bored boycott brutal " +
        "buggy bugs bullied bully bummed bummer burden careless chaos chaotic cheap cheating clueless clumsy " +
        "collapse collapsed complained complains complaints confused confusing contempt cowardly cramp cranky " +
        "crappy crazy creep cringe cringy criminal cripple cruel crummy crush crushed cursed cynical damage damaged " +
        "damaging dang danger dangerous dead deadly deceptive decline declined defective deficient delays " +
        "delusional demise denial deny depressing depression deprived desperate despicable despise despite " +
        "destroy destruction detest devastated devastating difficult dirty disagree disappoint disappoints " +
        "disaster disastrous discouraged disgrace disgusted dishonest dislike dismal dismissed disrespect " +
        "disrespectful distress distressing disturbing doomed downgrade downside drained dread dreadful dreaded " +
        "drunk dull dumped dying erratic exhausted exhausting expensive exploit fail failing fails faulty " +
        "fiasco flaw flawed flop flopped fool foolish forgot forgotten fraudulent freak freaking frightening " +
        "frustrate frustration fuming furious glitch glitches grief grieving grim grumpy gutted harass " +
        "harassment harm harmful harsh hassle hateful hatred headache heartbreak heartbreaking heartbroken " +
        "helpless hideous hopeless horrid horrified hostile humiliating humiliation hungover hurting idiotic " +
        "ignorant ignore ignored ignoring illness immature impatient impossible inadequate inconvenience " +
        "incorrect inferior infuriating injustice insane insecure insult insulted insulting irrelevant " +
        "irritated irritating jealous jerk joke junk kills lack lacking lag laggy lagging lame lazy leak " +
        "leaked lied lies losing lost lousy mediocre meltdown mess messed misery misleading miserable misses " +
        "missed moron morons mourn mourning nasty naughty negative neglect neglected nervous noisy nonsense " +
        "nope obnoxious offended offensive overrated pain panic paranoid pathetic penalty pissed pity " +
        "pointless poorly predictable pretentious problematic protest protesting punish punished quit racism " +
        "rage raging rant rejected repulsive resent revenge ridiculous rot rotten rude ruining sadness " +
        "savage scam scammed scandal scare scared screaming screw selfish severe shady shaky shameless shitty " +
        "shocked shocking shoddy sicken sickening sigh sinking skeptical slammed slap slow slower sloppy " +
        "snub sob sorrow spam spoiled spoiler stab stale starve starving stink stinks stressed stressful " +
        "stressing struggle struggled struggling stubborn stuck stupidity substandard sucked sucking suicide " +
        "sulk suspended suspicious swear sucks tantrum tedious tense terrible terribly terrified terrifying " +
        "thief threatened threatening toxic trauma traumatic trouble troubled troubling tragedy ugh ugly " +
        "unbearable uncomfortable unfortunate unfriendly unhealthy unimpressed unlucky unpleasant unsafe " +
        "unstable unwanted upset upsetting useless vile villain vomit waste wasted wasting weird whine whining " +
        "wicked worn worried worrying worse worthless wrecked wreck wtf yikes fml smh idgaf stfu gtfo ffs " +
        "boo booed dammit goddamn sob sobbing weep weeping lonely alone injured hospital dies surgery " +
        "disgusting dumbass asshole assholes douche douchebag crybaby loser idiots retarded bs sucky";

    public const string Positive =
        "adorable admire adored adoring affordable agreed amazed amused awesomeness beauty beloved benefit " +
        "best better bless blessing bliss bonus brave breathtaking bright celebrate celebrating celebration " +
        "champion champions charming cheer cheerful cheers clean comfortable comfy competent confident " +
        "congratulate cozy creative delicious delight delightful dope easy ecstatic elegant encourage " +
        "encouraging energetic enjoyable enjoying enthusiastic epic exceptional excite excitement fabulous " +
        "fair faith fascinating fave fearless flawless fortunate fresh friendly funny generous " +
        "genius gentle glorious gorgeous grand gratitude greatest handsome happiness happier happiest " +
        "heaven heavenly hero heroes hilarious honored hooray hug hugs inspiration inspired inspiring " +
        "interesting joy joyful kind kindness laugh laughing legend legendary liked loving " +
        "loyal lucky magic magical marvelous masterpiece memorable miracle motivated peace peaceful " +
        "phenomenal pleasant pleasure polite positive powerful precious pretty promising proud rejoice " +
        "relax relaxed relaxing reliable relief respect rock rocks romantic safe satisfied satisfying " +
        "smart smile smiles smiling smooth solid spectacular splendid stunning stoked success successful " +
        "supportive sure terrific thrilled thrill tremendous triumph trust unbelievable useful valuable " +
        "victory vibes warm welcome wins winner winners wise wonderfully worth worthy yummy lol lmao " +
        "excited ready luck congratz gratz";
}
