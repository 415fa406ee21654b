using System.ComponentModel;
using System.Globalization;
using Crisis.Cli.Hosting;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace Crisis.Cli.RebuildingProjections;

public sealed class RebuildProjectionSettings : StoreSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The projection to rebuild, as named in the store (for example BuzzState); see the list printed for an unknown name.")]
    public string Name { get; init; } = "";

    [CommandOption("--timeout <MINUTES>")]
    [Description("Give up after this many minutes. Default: 30.")]
    public int TimeoutMinutes { get; init; } = 30;
}

/// <summary>
/// <c>crisis projections rebuild &lt;name&gt;</c>: deletes a projection's read model and replays every event through
/// it with Marten's daemon, then leaves its progress at the store's high-water mark. Subscriptions (detection, the
/// buzz publisher) are refused: replaying them would decide and publish again; replays and what-ifs exist for that.
/// Stop the nodes that run the async daemon first (see docs/runbook.md), or they keep writing the read model.
/// </summary>
public sealed class RebuildProjectionCommand : AsyncCommand<RebuildProjectionSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RebuildProjectionSettings settings, CancellationToken cancellationToken)
    {
        if (settings.TimeoutMinutes <= 0)
        {
            await Console.Error.WriteLineAsync($"--timeout must be a positive number of minutes, not {settings.TimeoutMinutes}");
            return 2;
        }
        using var host = StoreHost.Build(settings);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var projections = ((StoreOptions)store.Options).Projections.All
            .Where(p => p.Lifecycle != ProjectionLifecycle.Live)
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (!projections.Contains(settings.Name, StringComparer.Ordinal))
        {
            await Console.Error.WriteLineAsync($"'{settings.Name}' is not a projection of this store; projections: {string.Join(", ", projections)}");
            return 2;
        }

        using var daemon = await store.BuildProjectionDaemonAsync();
        var started = DateTimeOffset.UtcNow;
        await daemon.RebuildProjectionAsync(settings.Name, TimeSpan.FromMinutes(settings.TimeoutMinutes), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"projection {settings.Name} rebuilt in {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s (schema {settings.Schema})"));
        return 0;
    }
}
