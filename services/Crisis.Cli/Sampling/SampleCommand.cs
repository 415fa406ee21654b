using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Spectre.Console.Cli;

namespace Crisis.Cli.Sampling;

/// <summary><c>crisis sample --out file.ndjson</c>: writes the synthetic scenario, ending now (or at --end).</summary>
public sealed class SampleCommand : AsyncCommand<SampleCommand.Settings>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--out <FILE>")]
        [Description("Where to write the NDJSON mentions.")]
        public string Out { get; init; } = "";

        [CommandOption("--end <TIME>")]
        [Description("ISO 8601 end of the scenario. Default: the current minute.")]
        public string? End { get; init; }

        [CommandOption("--buzz-before-end <MINUTES>")]
        [Description("When the bad buzz starts, in minutes before the end. Default: 600 (ten hours).")]
        public int? BuzzBeforeEnd { get; init; }

        [CommandOption("--campaign-before-end <MINUTES>")]
        [Description("When the positive campaign spike starts, in minutes before the end. Default: 420 (seven hours).")]
        public int? CampaignBeforeEnd { get; init; }

        public override Spectre.Console.ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Out)) return Spectre.Console.ValidationResult.Error("--out is required");
            if (End is not null && !DateTimeOffset.TryParse(End, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                return Spectre.Console.ValidationResult.Error($"--end '{End}' is not an ISO 8601 time");
            // The brands need a day of ordinary chatter before either event, or the detector is still warming up.
            var latest = (int)(SyntheticScenario.Length.TotalMinutes - 24 * 60);
            if (BuzzBeforeEnd is < 1 || BuzzBeforeEnd > latest) return Spectre.Console.ValidationResult.Error($"--buzz-before-end must be between 1 and {latest} minutes");
            if (CampaignBeforeEnd is < 1 || CampaignBeforeEnd > latest) return Spectre.Console.ValidationResult.Error($"--campaign-before-end must be between 1 and {latest} minutes");
            return Spectre.Console.ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var end = settings.End is null
            ? DateTimeOffset.UtcNow
            : DateTimeOffset.Parse(settings.End, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        end = new DateTimeOffset(end.UtcDateTime.Ticks - end.UtcDateTime.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var scenario = new SyntheticScenario(end,
            buzzBeforeEnd: settings.BuzzBeforeEnd is { } buzz ? TimeSpan.FromMinutes(buzz) : null,
            campaignBeforeEnd: settings.CampaignBeforeEnd is { } campaign ? TimeSpan.FromMinutes(campaign) : null);
        var mentions = scenario.Generate();
        await using var writer = new StreamWriter(settings.Out);
        foreach (var mention in mentions)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(mention, Json).AsMemory(), cancellationToken);
        }
        Console.WriteLine($"wrote {mentions.Count} mentions to {settings.Out} (bad buzz for {SyntheticScenario.BuzzBrand} from {scenario.BuzzOnset:HH:mm}Z, campaign for {SyntheticScenario.CampaignBrand} from {scenario.CampaignStart:HH:mm}Z)");
        return 0;
    }
}
