namespace Crisis.CrisisCell.Desk.Templating;

/// <summary>
/// What every organisation starts with: one template per playbook stage and language, so a responder is never left
/// with a blank page. Measured words, per the playbook: the first answer says the brand listens; the apology takes
/// responsibility; the explanation points to the statement; private matters leave the public thread.
/// </summary>
public static class BuiltInTemplates
{
    public static IReadOnlyList<DeskTemplate> All { get; } =
    [
        Of(TemplateStage.Acknowledge, TemplateLanguages.English,
            "Hello {author}, thank you for writing to {brand}. We have read your message and we are looking into it; we will come back to you here."),
        Of(TemplateStage.Acknowledge, TemplateLanguages.French,
            "Bonjour {author}, merci d'avoir écrit à {brand}. Nous avons bien lu votre message et nous nous en occupons ; nous revenons vers vous ici."),
        Of(TemplateStage.Acknowledge, TemplateLanguages.Arabic,
            "مرحبًا {author}، شكرًا لتواصلك مع {brand}. لقد قرأنا رسالتك ونحن نتابعها، وسنعود إليك هنا."),
        Of(TemplateStage.Acknowledge, TemplateLanguages.Maghrebi,
            "السلام {author}، شكرا بزاف على الميساج ديالك لـ{brand}. قريناه وراحنا نتبعو فيه، ونرجعولك هنا."),
        Of(TemplateStage.Acknowledge, TemplateLanguages.Arabizi,
            "Salam {author}, chokran 3la le message dialek l {brand}. 9rinah w ra7na nchoufou fih, nrj3oulek hna."),

        Of(TemplateStage.Apologise, TemplateLanguages.English,
            "{author}, we are sorry for what happened. It should not have, and {brand} takes responsibility for it."),
        Of(TemplateStage.Apologise, TemplateLanguages.French,
            "{author}, nous sommes désolés de ce qui s'est passé. Cela n'aurait pas dû arriver, et {brand} en assume la responsabilité."),
        Of(TemplateStage.Apologise, TemplateLanguages.Arabic,
            "{author}، نعتذر عمّا حدث. ما كان ينبغي أن يحدث، و{brand} تتحمّل مسؤوليته."),
        Of(TemplateStage.Apologise, TemplateLanguages.Maghrebi,
            "{author}، سمحلنا على واش صرا. ماكانش لازم يصرا، و{brand} تتحمل المسؤولية ديالو."),
        Of(TemplateStage.Apologise, TemplateLanguages.Arabizi,
            "{author}, sma7lna 3la wach sra. Makanch lazem ysra, w {brand} tt7amel l mas2ouliya dialo."),

        Of(TemplateStage.Explain, TemplateLanguages.English,
            "{author}, here is what happened and what {brand} is doing about it: {incident_link}"),
        Of(TemplateStage.Explain, TemplateLanguages.French,
            "{author}, voici ce qui s'est passé et ce que {brand} fait pour y remédier : {incident_link}"),
        Of(TemplateStage.Explain, TemplateLanguages.Arabic,
            "{author}، إليك ما حدث وما تقوم به {brand} لمعالجته: {incident_link}"),
        Of(TemplateStage.Explain, TemplateLanguages.Maghrebi,
            "{author}، هاذا واش صرا وواش راهي دير {brand} باش تصلحو: {incident_link}"),
        Of(TemplateStage.Explain, TemplateLanguages.Arabizi,
            "{author}, hada wach sra w wach rahi dir {brand} bach tsal7o: {incident_link}"),

        Of(TemplateStage.RedirectToPrivate, TemplateLanguages.English,
            "{author}, so that we can look at your case without sharing your details in public, please send us a private message; {brand} will answer you there."),
        Of(TemplateStage.RedirectToPrivate, TemplateLanguages.French,
            "{author}, pour examiner votre situation sans exposer vos informations en public, écrivez-nous en message privé ; {brand} vous y répondra."),
        Of(TemplateStage.RedirectToPrivate, TemplateLanguages.Arabic,
            "{author}، لكي ندرس حالتك دون نشر بياناتك علنًا، يُرجى مراسلتنا في رسالة خاصة، وسيردّ عليك فريق {brand} هناك."),
        Of(TemplateStage.RedirectToPrivate, TemplateLanguages.Maghrebi,
            "{author}، باش نشوفو الحالة ديالك بلا ما نحطو المعلومات ديالك قدام الناس، بعثلنا ميساج في الخاص، و{brand} يجاوبك تماك."),
        Of(TemplateStage.RedirectToPrivate, TemplateLanguages.Arabizi,
            "{author}, bach nchoufou l 7ala dialek bla ma n7ottou les infos dialek 9odam ness, b3thlna message f le privé, w {brand} yjawbek temma."),
    ];

    /// <summary><c>builtin-{stage}-{language}</c>, e.g. <c>builtin-acknowledge-fr</c>.</summary>
    public static string IdOf(TemplateStage stage, string language) =>
        $"{AnswerTemplateStreams.BuiltInPrefix}{stage.ToString().ToLowerInvariant()}-{language}";

    public static DeskTemplate? Find(string templateId) => All.FirstOrDefault(t => t.TemplateId == templateId);

    private static DeskTemplate Of(TemplateStage stage, string language, string text) => new()
    {
        Id = IdOf(stage, language),
        TemplateId = IdOf(stage, language),
        Stage = stage,
        Language = language,
        Text = text,
        BuiltIn = true,
    };
}
