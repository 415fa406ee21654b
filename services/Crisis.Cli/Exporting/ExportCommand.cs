using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Crisis.Cli.Hosting;
using Crisis.Contracts.Mentions;
using Crisis.Ingestion.Brands;
using Crisis.Ingestion.Mentions;
using Crisis.PersonalData.Reading;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace Crisis.Cli.Exporting;

/// <summary>
/// <c>crisis mentions export --brand b --from T --to T --out f.ndjson</c>: a brand's stored mentions over a window, in
/// publication order, in the intake's own format. Fed back with <c>crisis stream --speed N</c> into a host running on a
/// schema and vhost of its own, it replays a past buzz at a chosen speed, live, on the dashboard, without touching
/// the live store or paging anyone (docs/detection.md, "Replaying at a chosen speed").
/// </summary>
public sealed class ExportCommand : AsyncCommand<ExportCommand.Settings>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed class Settings : StoreSettings
    {
        [CommandOption("--brand <BRAND>")]
        [Description("The brand whose mentions to export.")]
        public string Brand { get; init; } = "";

        [CommandOption("--from <TIME>")]
        [Description("ISO 8601 start of the window (publication time, inclusive).")]
        public string From { get; init; } = "";

        [CommandOption("--to <TIME>")]
        [Description("ISO 8601 end of the window (exclusive); at most 31 days after --from.")]
        public string To { get; init; } = "";

        [CommandOption("--out <FILE>")]
        [Description("Where to write the NDJSON mentions.")]
        public string Out { get; init; } = "";

        public override Spectre.Console.ValidationResult Validate()
        {
            if (!BrandIds.IsWellFormed(Brand.Trim().ToLowerInvariant())) return Spectre.Console.ValidationResult.Error($"--brand: {BrandIds.FormatRule}");
            if (!TryParse(From, out var from)) return Spectre.Console.ValidationResult.Error("--from must be an ISO 8601 time");
            if (!TryParse(To, out var to)) return Spectre.Console.ValidationResult.Error("--to must be an ISO 8601 time");
            if (to <= from || to - from > TimeSpan.FromDays(31)) return Spectre.Console.ValidationResult.Error("--to must follow --from, within 31 days");
            return string.IsNullOrWhiteSpace(Out) ? Spectre.Console.ValidationResult.Error("--out is required") : Spectre.Console.ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var brand = settings.Brand.Trim().ToLowerInvariant();
        // Validate() has checked both times.
        var from = Parse(settings.From);
        var to = Parse(settings.To);
        using var host = StoreHost.Build(settings);
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var mentions = new List<RecordedMention>();
        foreach (var key in MentionStreams.KeysBetween(brand, from, to))
        {
            var events = await session.Events.FetchStreamAsync(key, token: cancellationToken);
            mentions.AddRange(events.Select(e => e.Data).OfType<MentionsRecorded>()
                .SelectMany(batch => batch.Mentions)
                .Where(m => m.PublishedAt >= from && m.PublishedAt < to));
        }
        // The events name authors by pseudonym and carry no words: those are read from mention_keys.
        var contents = await host.Services.GetRequiredService<PostContents>()
            .FindAsync(mentions.Select(m => new PostRef(m.Platform.WireName(), m.PostId)), PostScope.OfIngestedBrand(brand), cancellationToken);
        await using (var writer = new StreamWriter(settings.Out))
        {
            foreach (var mention in mentions.OrderBy(m => m.PublishedAt))
            {
                var content = contents.GetValueOrDefault(new PostRef(mention.Platform.WireName(), mention.PostId));
                await writer.WriteLineAsync(JsonSerializer.Serialize(ToIntake(brand, mention, content), Json).AsMemory(), cancellationToken);
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {mentions.Count} mentions of {brand} published from {from.UtcDateTime:yyyy-MM-dd HH:mm}Z to {to.UtcDateTime:yyyy-MM-dd HH:mm}Z to {settings.Out}"));
        return 0;
    }

    /// <summary>
    /// A stored mention back in the intake's format, with its author and words from <paramref name="content"/>; what
    /// ingestion derived (language, score) it derives again. An erased author's mention is exported under its pseudonym
    /// with the text "[erased]" and its stored verdict as the source's sentiment, so that a host that trusts the platform's
    /// sentiment (<c>Ingestion:TrustUpstreamSentimentForPlatforms</c>) counts it as it was counted.
    /// </summary>
    public static MentionObserved ToIntake(string brandId, RecordedMention m, PostContent? content) => new()
    {
        Platform = m.Platform.WireName(),
        PostId = m.PostId,
        BrandId = brandId,
        Author = new MentionAuthor { Handle = content?.Author ?? m.Author.Handle, DisplayName = content?.DisplayName ?? m.Author.DisplayName, Followers = m.Author.Followers },
        Text = m.Text ?? content?.Text ?? PostContent.ErasedMark,
        Language = m.DeclaredLanguage,
        PublishedAt = m.PublishedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture),
        Url = m.Url ?? content?.Url,
        ReplyTo = m.ReplyTo,
        QuoteOf = m.QuoteOf,
        ShareOf = m.ShareOf,
        Sentiment = m.UpstreamSentiment is { } upstream
            ? new MentionSentiment { Label = upstream.Label.ToString().ToLowerInvariant(), Score = upstream.Score }
            : content is { Erased: true } && m.IsNegative is { } negative
                ? new MentionSentiment { Label = negative ? "negative" : "neutral", Score = negative ? m.NegativeProbability : 1 - m.NegativeProbability }
                : null,
    };

    private static DateTimeOffset Parse(string value) => TryParse(value, out var at) ? at : throw new FormatException($"'{value}' is not an ISO 8601 time");

    private static bool TryParse(string value, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
}
