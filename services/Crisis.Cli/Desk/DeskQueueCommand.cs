using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Crisis.Cli.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using static Crisis.Cli.Desk.ApiValues;

namespace Crisis.Cli.Desk;

/// <summary><c>crisis desk queue</c>: the conversations waiting for an answer, in the desk's priority order.</summary>
public sealed class DeskQueueCommand : AsyncCommand<DeskQueueCommand.Settings>
{
    public sealed class Settings : ApiSettings
    {
        [CommandOption("--brand <ID>")]
        public string? Brand { get; init; }

        [CommandOption("--incident <ID>")]
        public string? Incident { get; init; }

        [CommandOption("--language <LANG>")]
        [Description("arabic, arabizi, french, english…")]
        public string? Language { get; init; }

        [CommandOption("--unclaimed")]
        [Description("Only conversations nobody holds.")]
        public bool Unclaimed { get; init; }

        [CommandOption("--limit <N>")]
        [Description("At most this many rows (1-200). Default: 20.")]
        public int Limit { get; init; } = 20;

        [CommandOption("--output <FORMAT>")]
        [Description(OutputOption.Description)]
        public string Output { get; init; } = "table";

        [CommandOption("--json")]
        [Description("Print the API's page as it is (rows, offset, limit), for scripts that read the API.")]
        public bool Json { get; init; }

        public OutputFormat Format => OutputOption.Parse(Output);

        public override ValidationResult Validate() =>
            Limit is < 1 or > 200 ? ValidationResult.Error("--limit must be from 1 to 200") : OutputOption.Check(Output) ?? base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var api = settings.CreateClient();
        var page = await api.GetAsync(DeskPaths.Queue(settings.Brand, settings.Incident, settings.Language, settings.Unclaimed, settings.Limit), cancellationToken);
        if (settings.Json)
        {
            Console.WriteLine(page.GetRawText());
            return 0;
        }
        var rows = page.GetProperty("conversations").EnumerateArray().ToList();
        if (settings.Format == OutputFormat.Table)
        {
            if (rows.Count == 0) Console.WriteLine("Nobody is waiting for an answer.");
            else People(rows).Write(OutputFormat.Table, Console.Out);
            return 0;
        }
        Machines(rows).Write(settings.Format, Console.Out);
        return 0;
    }

    /// <summary>What a responder scans: the wait in minutes, the priority rounded, the latest post on one short line.</summary>
    private static OutputTable People(List<JsonElement> rows)
    {
        var table = new OutputTable(new("conversation", "conversation"), new("brand", "brand"), new("language", "language"), new("platform", "platform"),
            new("waiting", "waiting"), new("priority", "priority"), new("claimedBy", "claimed by"), new("why", "why"), new("latest", "latest post"));
        foreach (var row in rows)
        {
            var latest = (Text(row, "latestText") ?? "").ReplaceLineEndings(" ");
            table.Add(Text(row, "conversationId"), Text(row, "brandId"), Text(row, "language"), Text(row, "platform"),
                Number(row, "waitingMinutes") is { } waiting ? string.Create(CultureInfo.InvariantCulture, $"{waiting:0} min") : null,
                Number(row, "priority")?.ToString("0.00", CultureInfo.InvariantCulture), Text(row, "claimedBy"),
                string.Join(", ", Texts(row, "reasons")), latest.Length > 60 ? latest[..59] + "…" : latest);
        }
        return table;
    }

    /// <summary>What a script reads: the API's names and whole values (reasons joined by spaces, the whole latest post).</summary>
    private static OutputTable Machines(List<JsonElement> rows)
    {
        var names = new[] { "conversationId", "brandId", "incidentId", "language", "platform", "status", "waitingSince", "waitingMinutes", "priority",
            "claimedBy", "answerDueAt", "breached", "posts", "reasons", "authorHandle", "latestText" };
        var table = new OutputTable([.. names.Select(n => new OutputColumn(n, n))]);
        foreach (var row in rows)
        {
            table.Add(Text(row, "conversationId"), Text(row, "brandId"), Text(row, "incidentId"), Text(row, "language"), Text(row, "platform"),
                Text(row, "status"), Time(row, "waitingSince"), Number(row, "waitingMinutes"), Number(row, "priority"), Text(row, "claimedBy"),
                Time(row, "answerDueAt"), Flag(row, "breached"), Count(row, "posts"), string.Join(' ', Texts(row, "reasons")), Text(row, "authorHandle"),
                Text(row, "latestText"));
        }
        return table;
    }
}
