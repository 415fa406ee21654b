using Crisis.Cli.Hosting;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Database;

/// <summary><c>crisis db migrate</c>: creates or updates the event store's tables, functions and indexes.</summary>
public sealed class MigrateCommand : AsyncCommand<StoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        using var host = StoreHost.Build(settings);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        Console.WriteLine($"schema {settings.Schema} is up to date");
        return 0;
    }
}
