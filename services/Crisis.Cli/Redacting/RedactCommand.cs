using System.ComponentModel;
using System.Globalization;
using Crisis.Cli.Hosting;
using Crisis.PersonalData.Retaining;
using Npgsql;
using Spectre.Console.Cli;

namespace Crisis.Cli.Redacting;

/// <summary>
/// <c>crisis mentions redact --older-than 180d</c> (or <c>--before T</c>): the retention limit for personal data. Every
/// post published before the cut-off loses who wrote it and what it said, as an erased author's posts do; the mentions
/// still count in curves, KPIs and replays. Meant to run daily (ops/systemd/crisis-redact.timer). An operator tool: it
/// needs the database's credentials.
/// </summary>
public sealed partial class RedactCommand : AsyncCommand<RedactCommand.Settings>
{
    public sealed partial class Settings : StoreSettings
    {
        [CommandOption("--older-than <AGE>")]
        [Description("Redact posts published more than this long ago: a number of days, like 180d.")]
        public string? OlderThan { get; init; }

        [CommandOption("--before <TIME>")]
        [Description("Redact posts published before this instant (ISO 8601 with an offset).")]
        public string? Before { get; init; }

        public override Spectre.Console.ValidationResult Validate()
        {
            if ((OlderThan is null) == (Before is null)) return Spectre.Console.ValidationResult.Error("give exactly one of --older-than or --before");
            if (OlderThan is not null && Days(OlderThan) is null) return Spectre.Console.ValidationResult.Error("--older-than must be a whole number of days of at least 1, like 180d");
            if (Before is not null && Instant(Before) is null) return Spectre.Console.ValidationResult.Error("--before must be an ISO 8601 instant with an offset, like 2026-06-01T00:00:00Z");
            return Spectre.Console.ValidationResult.Success();
        }

        public DateTimeOffset CutOff(DateTimeOffset now) => Before is not null ? Instant(Before)!.Value : now.AddDays(-Days(OlderThan!)!.Value);

        private static int? Days(string value) =>
            value.EndsWith('d') && int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days >= 1 ? days : null;

        /// <summary>An instant with its offset: a bare local time would mean another cut-off on every machine.</summary>
        private static DateTimeOffset? Instant(string value) =>
            WithOffset().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

        [System.Text.RegularExpressions.GeneratedRegex(@"T.*(Z|[+-]\d{2}:?\d{2})$")]
        private static partial System.Text.RegularExpressions.Regex WithOffset();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var cutOff = settings.CutOff(now);
        await using var dataSource = NpgsqlDataSource.Create(settings.ResolveConnection());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var redacted = await PostRetention.RedactPublishedBeforeAsync(connection, transaction, settings.Schema, cutOff, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"redacted {redacted} posts published before {cutOff.UtcDateTime:yyyy-MM-dd HH:mm}Z in schema '{settings.Schema}': they still count, without who or what"));
        return 0;
    }
}
