using System.ComponentModel;
using System.Globalization;
using Crisis.Cli.Hosting;
using Crisis.ServiceDefaults.EventSourcing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace Crisis.Cli.RebuildingProjections;

public sealed class RebuildProjectionSettings : StoreSettings
{
    [CommandOption("--projection <NAME>")]
    [Description("The projection to rebuild, as named in the store (for example MentionMinutes or BuzzState). Default: every projection.")]
    public string? Projection { get; init; }

    [CommandArgument(0, "[NAME]")]
    [Description("The same as --projection (the runbook's older form).")]
    public string? Name { get; init; }

    [CommandOption("--timeout <MINUTES>")]
    [Description("Give up on a projection after this many minutes. Default: 30.")]
    public int TimeoutMinutes { get; init; } = 30;

    public override Spectre.Console.ValidationResult Validate()
    {
        if (TimeoutMinutes <= 0) return Spectre.Console.ValidationResult.Error($"--timeout must be a positive number of minutes, not {TimeoutMinutes}");
        if (Projection is not null && Name is not null && !string.Equals(Projection, Name, StringComparison.Ordinal))
            return Spectre.Console.ValidationResult.Error($"--projection '{Projection}' and NAME '{Name}' disagree: give one of them");
        if (Projection is { } given && string.IsNullOrWhiteSpace(given)) return Spectre.Console.ValidationResult.Error("--projection must name a projection");
        return base.Validate();
    }
}

/// <summary>
/// <c>crisis projections rebuild [--projection NAME]</c>: empties a read model (or every one) and replays every event
/// through it with Marten's daemon (<see cref="ProjectionRebuilds"/>), then prints what it rebuilt. An unknown name is
/// refused with the list of names (exit 2). Stop the nodes that run the async daemon first (see docs/runbook.md), or
/// they keep writing the read model; and the intake, for the inline ones.
/// </summary>
public sealed class RebuildProjectionCommand : AsyncCommand<RebuildProjectionSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RebuildProjectionSettings settings, CancellationToken cancellationToken)
    {
        using var host = StoreHost.Build(settings);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        IReadOnlyList<RebuiltProjection> rebuilt;
        try
        {
            rebuilt = await ProjectionRebuilds.RebuildAsync(store, settings.Projection ?? settings.Name, TimeSpan.FromMinutes(settings.TimeoutMinutes), cancellationToken);
        }
        catch (UnknownProjectionException unknown)
        {
            await Console.Error.WriteLineAsync($"--projection: {unknown.Message}");
            return 2;
        }
        foreach (var projection in rebuilt)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"projection {projection.Name} ({projection.Lifecycle.ToString().ToLowerInvariant()}) rebuilt in {projection.Took.TotalSeconds:0.0} s (schema {settings.Schema})"));
        }
        return 0;
    }
}
