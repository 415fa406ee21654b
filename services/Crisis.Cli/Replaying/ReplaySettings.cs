using System.ComponentModel;
using System.Globalization;
using Crisis.Cli.Hosting;
using Crisis.Detection.Detecting;
using Crisis.Detection.Replaying;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Replaying;

/// <summary>What both <c>crisis replay</c> and <c>crisis what-if</c> take: a brand, a window of buckets, the live options, <c>--output</c>.</summary>
public class ReplaySettings : TableSettings
{
    [CommandOption("--brand <ID>")]
    [Description("Brand to replay.")]
    public string Brand { get; init; } = "";

    [CommandOption("--from <TIME>")]
    [Description("First bucket shown (ISO 8601, UTC when no offset), e.g. 2026-03-02T06:00Z.")]
    public string From { get; init; } = "";

    [CommandOption("--to <TIME>")]
    [Description("End of the window (exclusive).")]
    public string To { get; init; } = "";

    [CommandOption("--live-config <JSON>")]
    [Description("Detector options live detection runs with (DetectorOptions JSON). Default: the defaults, as the host uses without a Detection section.")]
    public string? LiveConfig { get; init; }

    public ReplayWindow Window => new(Brand, Instant(From), Instant(To));

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Brand)) return ValidationResult.Error("--brand <ID> is required");
        if (!TryInstant(From, out var from)) return ValidationResult.Error("--from <TIME> is required, as an ISO 8601 time (e.g. 2026-03-02T06:00Z)");
        if (!TryInstant(To, out var to)) return ValidationResult.Error("--to <TIME> is required, as an ISO 8601 time (e.g. 2026-03-02T18:00Z)");
        if (to <= from) return ValidationResult.Error("--to must be after --from");
        if (LiveConfig is not null && !File.Exists(LiveConfig)) return ValidationResult.Error($"--live-config: file not found: {LiveConfig}");
        return base.Validate();
    }

    public DetectorOptions LiveDetector() => LiveConfig is null ? DetectorOptions.Default : DetectorOptions.Load(LiveConfig);

    private static DateTimeOffset Instant(string text) => TryInstant(text, out var instant) ? instant : throw new FormatException(text);

    private static bool TryInstant(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
}
