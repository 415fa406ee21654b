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

        public override Spectre.Console.ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Out) ? Spectre.Console.ValidationResult.Error("--out is required")
            : End is not null && !DateTimeOffset.TryParse(End, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
                ? Spectre.Console.ValidationResult.Error($"--end '{End}' is not an ISO 8601 time")
                : Spectre.Console.ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var end = settings.End is null
            ? DateTimeOffset.UtcNow
            : DateTimeOffset.Parse(settings.End, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        end = new DateTimeOffset(end.UtcDateTime.Ticks - end.UtcDateTime.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var scenario = new SyntheticScenario(end);
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
