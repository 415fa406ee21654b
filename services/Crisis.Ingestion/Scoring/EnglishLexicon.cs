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
        "crappy crazy creep cringe cringy criminal cripple cruel crummy crush crushed cursed cynical damage " +
        "damaged damaging dang danger dangerous dead deadly deceptive decline declined defective deficient delays " +
        "delusional demise denial deny depressing depression deprived desperate despicable despise despite " +
        "destroy destruction detest devastated devastating difficult dirty disagree disappoint disappoints " +
        "disaster disastrous discouraged disgrace disgusted dishonest dislike dismal dismissed disrespect " +
        "disrespectful distress distressing disturbing doomed downgrade downside drained dread dreadful dreaded " +
        "drunk dull dumped dying erratic exhausted exhausting expensive exploit fail failing fails faulty fiasco " +
        "flaw flawed flop flopped fool foolish forgot forgotten fraudulent freak freaking frightening frustrate " +
        "frustration fuming furious glitch glitches grief grieving grim grumpy gutted harass harassment harm " +
        "harmful harsh hassle hateful hatred headache heartbreak heartbreaking heartbroken helpless hideous " +
        "hopeless horrid horrified hostile humiliating humiliation hungover hurting idiotic ignorant ignore " +
        "ignored ignoring illness immature impatient impossible inadequate inconvenience incorrect inferior " +
        "infuriating injustice insane insecure insult insulted insulting irrelevant irritated irritating jealous " +
        "jerk joke junk kills lack lacking lag laggy lagging lame lazy leak leaked lied lies losing lost lousy " +
        "mediocre meltdown mess messed misery misleading miserable misses missed moron morons mourn mourning " +
        "nasty naughty negative neglect neglected nervous noisy nonsense nope obnoxious offended offensive " +
        "overrated pain panic paranoid pathetic penalty pissed pity pointless poorly predictable pretentious " +
        "problematic protest protesting punish punished quit racism rage raging rant rejected repulsive resent " +
        "revenge ridiculous rot rotten rude ruining sadness savage scam scammed scandal scare scared screaming " +
        "screw selfish severe shady shaky shameless shitty shocked shocking shoddy sicken sickening sigh sinking " +
        "skeptical slammed slap slow slower sloppy snub sob sorrow spam spoiled spoiler stab stale starve " +
        "starving stink stinks stressed stressful stressing struggle struggled struggling stubborn stuck " +
        "stupidity substandard sucked sucking suicide sulk suspended suspicious swear sucks tantrum tedious tense " +
        "terrible terribly terrified terrifying thief threatened threatening toxic trauma traumatic trouble " +
        "troubled troubling tragedy ugh ugly unbearable uncomfortable unfortunate unfriendly unhealthy " +
        "unimpressed unlucky unpleasant unsafe unstable unwanted upset upsetting useless vile villain vomit waste " +
        "wasted wasting weird whine whining wicked worn worried worrying worse worthless wrecked wreck wtf yikes " +
        "fml smh idgaf stfu gtfo ffs boo booed dammit goddamn sobbing weep weeping lonely alone injured hospital " +
        "dies surgery disgusting dumbass asshole assholes douche douchebag crybaby loser idiots retarded bs sucky " +
        "abhor abominable accusation accuse accused aching adverse afflicted aggressive agonizing ailing " +
        "alienated anger angered angrily anguish annoys antagonize anxiety apocalypse apologize apology arrest " +
        "ashes assault attacked awfully backwards badly baffled banish barbaric batshit beaten beg begging " +
        "belittle berate betray betrayed betrayal bewildered biased bickering blind blocked bloodshed blurry " +
        "bollocks bombed boring bothering bribe broke brokenhearted bruised brutally bumpy burned burnt busted " +
        "catastrophe catastrophic censored chained cheated choke clash coward crappier cried cries crime crimes " +
        "crippled crisis critical criticism criticize criticized cursing damned deceit deceived defeated deficit " +
        "delusion demolish demon deplorable deport deported derail desolate despair destroyed destroying " +
        "deteriorate detrimental devil dick dire dirtbag disable disabled disadvantage disappeared " +
        "disappointingly disapprove discomfort discontent discriminate discrimination disease disgust " +
        "disheartening disliked dismay disorder displeased disputed distort distracted distraught distrust " +
        "disturbed dizzy doom downer downfall drag dragging drama dramatic dreary drown drowning dumbest dump " +
        "egregious eliminated emergency enemy enraged epidemic eviction evil exaggerated excuse excuses exhaust " +
        "explode exploded extremist fallen falling false famine fatal fatigue fault feared fearful feeble fired " +
        "flu foul fractured fragile frantic fraud freakin frown frustrates fuck fucks fury gloomy greed greedy " +
        "grievance gross grossly guilt gun guns hack harmed hate hater haters hates haunted havoc heartless " +
        "hellish hindrance homeless hopelessly horrendous horrible horribly hostility humiliated hungry hurtful " +
        "hysterical idiocy ill illegal imbecile impair impolite inability incapable incompetence inconsiderate " +
        "inconvenient indifferent infected infection inhumane injure insanely insensitive insolent instability " +
        "intimidate intolerable intolerant invalid irate irresponsible jeopardy kill killer killing lacks lament " +
        "lethal liar limp livid loathe lose loses lunatic madness malicious manipulative massacre meaningless " +
        "menace merciless mislead miss mistakes misunderstood mock mocked mockery molest monster moody murderer " +
        "mutilate nag naive nausea nauseous negligence nightmares nuisance numb objection obscene obsolete " +
        "obstacle offend oppressed oppression outrage outrageous overwhelmed painfully pathetically perish " +
        "pervert pessimistic pest petty plague pollution poison poisoned pompous poorest powerless prejudice " +
        "pressure problem propaganda provoke psycho punch puke quarrel racist rancid rash recession reckless " +
        "refuse regretted regrets reject rejection relapse remorse repugnant resign resignation restless retard " +
        "revolting rigged riots risky robbed robbery rubbish rudely ruthless sabotage sad sadder saddest " +
        "sarcastic scandalous scream screwed shabby shaking shame shatter shattered shit shortage shouting shut " +
        "sinister skeptic slaughter slave slavery sleazy slump smash smelly smug snob sore sorry spiteful " +
        "squander stalled stalk stolen strangle strike stumble stupidly suck suffer suffered suffers sulking sunk " +
        "sucker suspicion tainted tearful tears terror terrorism thieves threaten tormented tortured tragically " +
        "traitor trapped trash trashy troll trolls turmoil ugliest unacceptable unaware unclear uncertain " +
        "undermine unemployed unemployment unequal unfairly unfit unforgivable unhappiness unjust unkind unlawful " +
        "unnecessary unpopular unprofessional unreliable unresolved unsure untrue unwell upsets urgh vandalism " +
        "vengeance vicious victimized violate violated volatile vulnerable wack warned wary weakness weary whiny " +
        "woes worsen worst wound wounded wrath wrongly yell yelled yelling";

    public const string Positive =
        "adorable admire adored adoring affordable agreed amazed amused awesomeness beauty beloved benefit best " +
        "better bless blessing bliss bonus brave breathtaking bright celebrate celebrating celebration champion " +
        "champions charming cheer cheerful cheers clean comfortable comfy competent confident congratulate cozy " +
        "creative delicious delight delightful dope easy ecstatic elegant encourage encouraging energetic " +
        "enjoyable enjoying enthusiastic epic exceptional excite excitement fabulous fair faith fascinating fave " +
        "fearless flawless fortunate fresh friendly funny generous genius gentle glorious gorgeous grand " +
        "gratitude greatest handsome happiness happier happiest heaven heavenly hero heroes hilarious honored " +
        "hooray hug hugs inspiration inspired inspiring interesting joy joyful kind kindness laugh laughing " +
        "legend legendary liked loving loyal lucky magic magical marvelous masterpiece memorable miracle " +
        "motivated peace peaceful phenomenal pleasant pleasure polite positive powerful precious pretty promising " +
        "proud rejoice relax relaxed relaxing reliable relief respect rock rocks romantic safe satisfied " +
        "satisfying smart smile smiles smiling smooth solid spectacular splendid stunning stoked success " +
        "successful supportive sure terrific thrilled thrill tremendous triumph trust unbelievable useful " +
        "valuable victory vibes warm welcome wins winner winners wise wonderfully worth worthy yummy lol lmao " +
        "excited ready luck congratz gratz accomplish accomplished achievement acclaimed admirable adore " +
        "affection agreeable alright amazingly amazes amusing applaud appreciation approve ardent attractive " +
        "authentic avid awarded balanced beautifully benevolent blissful bold boost bravo breakthrough brilliance " +
        "calm capable care caring celebrated charismatic charm cherish classy clever compassion compliment " +
        "congratulated cool courage courageous cuddle cutest dazzling dedicated dependable deserve deserved " +
        "desirable determined devoted dream dreams eager easier effective effortless elated eloquent embrace " +
        "empower enchanted endearing energize enjoys enlighten entertaining enthusiasm excel excelled exceeded " +
        "excellence exquisite faithful famous fancy fantastically favor favored fortunately friendship fulfilled " +
        "gains gem gifted glad gladly glamorous glowing goodness grace graceful gracious greatness grin happily " +
        "harmony healthy heartwarming helped honest honesty honor hopeful hospitable humble ideal idol impressed " +
        "improve improved improvement incredible incredibly innovative insightful intelligent inviting jolly " +
        "joyous jubilant kudos laughed laughs liberty lively lovable loveliest lovin marvellous merry mesmerizing " +
        "motivation neat nicer nicest optimistic outstanding paradise passion passionate patient perfection " +
        "perfectly playful pleased pleasurable plentiful positively praise praised prestige pride prize prosper " +
        "prosperity proudly quality radiant rad reassure recommended refreshing remarkable respectful revive " +
        "reward rewarding richer righteous romance satisfaction savior secure sensational sexy shine shiny " +
        "sincere sincerely skilled sparkle spirited stellar strong stylish sunny superior support supported " +
        "supporter surprise sweetest sympathetic talent talented tender thank thanked thankfully thanksgiving " +
        "thrive thriving tidy top treasure trusted truthful unforgettable unique upbeat uplifting victorious " +
        "vibrant virtuous vivid warmth welcomed wholesome win wonder wonderful wow yay yeah yess";
}
