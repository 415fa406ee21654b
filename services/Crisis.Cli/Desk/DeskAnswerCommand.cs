using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Desk;

/// <summary><c>crisis desk answer CONVERSATION --text …</c>: claims the conversation and sends the answer through the desk.</summary>
public sealed class DeskAnswerCommand : AsyncCommand<DeskAnswerCommand.Settings>
{
    public sealed class Settings : ApiSettings
    {
        [CommandArgument(0, "<CONVERSATION>")]
        public string Conversation { get; init; } = "";

        [CommandOption("--text <TEXT>")]
        [Description("The answer, as it will be published.")]
        public string Text { get; init; } = "";

        [CommandOption("--language <LANG>")]
        [Description("Language code of the answer (ar, fr, en…). Default: the conversation's.")]
        public string? Language { get; init; }

        [CommandOption("--answer-id <ID>")]
        [Description("Your id for this answer: running the command again with it sends nothing twice.")]
        public string? AnswerId { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Conversation) ? ValidationResult.Error("<CONVERSATION> is required")
            : string.IsNullOrWhiteSpace(Text) ? ValidationResult.Error("--text is required")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var api = settings.CreateClient();
        var conversation = await api.GetAsync(DeskPaths.Conversation(settings.Conversation), cancellationToken);
        var language = settings.Language ?? DeskAnswering.LanguageCodeOf(conversation.GetProperty("conversation"));
        var answer = await DeskAnswering.ClaimAndAnswerAsync(api, settings.Conversation, settings.Text, language, settings.AnswerId, cancellationToken);
        Console.WriteLine(answer.PublicUrl is { } url ? $"answered {settings.Conversation}: {url}" : $"answered {settings.Conversation}");
        return 0;
    }
}
