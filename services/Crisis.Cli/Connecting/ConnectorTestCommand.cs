using System.ComponentModel;
using System.Globalization;
using Crisis.Cli.Hosting;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.Connecting;

/// <summary>
/// <c>crisis connectors test &lt;name&gt; --config appsettings.json</c>: runs one connector of a host's configuration for a
/// while and prints the mentions it would ingest. Nothing is written: no intake, no cursor.
/// </summary>
public sealed class ConnectorTestCommand : AsyncCommand<ConnectorTestCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The connector, as named under Connectors:Instances.")]
        public string Name { get; init; } = "";

        [CommandOption("--config <FILE>")]
        [Description("The host's configuration file holding Connectors:Instances (environment variables are read too, as the host does).")]
        public string Config { get; init; } = "appsettings.json";

        [CommandOption("--seconds <SECONDS>")]
        [Description("How long to read the source. Default: 10.")]
        public int Seconds { get; init; } = 10;

        [CommandOption("--max <COUNT>")]
        [Description("Stop after this many mentions. Default: 20.")]
        public int Max { get; init; } = 20;

        public override ValidationResult Validate() =>
            Seconds is < 1 or > 3600 ? ValidationResult.Error("--seconds must be from 1 to 3600")
            : Max is < 1 or > 10_000 ? ValidationResult.Error("--max must be from 1 to 10000")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Config)) throw new FileNotFoundException("the configuration file does not exist", settings.Config);
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(settings.Config)).AddEnvironmentVariables().Build();
        var section = configuration.GetSection($"{ConnectorsSettings.Section}:Instances:{settings.Name}");
        if (!section.Exists())
        {
            var known = configuration.GetSection($"{ConnectorsSettings.Section}:Instances").GetChildren().Select(c => c.Key).ToList();
            Console.Error.WriteLine($"error: {settings.Config} has no connector '{settings.Name}'; it has: {(known.Count == 0 ? "none" : string.Join(", ", known))}");
            return 1;
        }
        var connector = section.Get<ConnectorSettings>() ?? new ConnectorSettings();
        await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        using var loggers = LoggerFactory.Create(_ => { });
        AnsiConsole.WriteLine($"Reading {connector.Source} for {settings.Seconds} s (at most {settings.Max} mentions); nothing is stored.");
        var result = await ConnectorProbe.RunAsync(settings.Name, connector, TimeSpan.FromSeconds(settings.Seconds), settings.Max, services, loggers, cancellationToken);
        if (result.Problems.Count > 0)
        {
            foreach (var problem in result.Problems) Console.Error.WriteLine("error: " + TerminalSafeWriter.Visible(problem));
            return 1;
        }
        var table = new Table().AddColumns("brand", "platform", "post", "author", "published (UTC)", "language", "text");
        foreach (var m in result.Mentions)
        {
            table.AddRow(Markup.Escape(m.BrandId ?? ""), Markup.Escape(m.Platform ?? ""), Markup.Escape(m.PostId ?? ""), Markup.Escape(m.Author?.Handle ?? ""),
                Markup.Escape(m.PublishedAt ?? ""), Markup.Escape(m.Language ?? ""), Markup.Escape(Excerpt(TerminalSafeWriter.Visible(m.Text ?? ""))));
        }
        if (result.Mentions.Count > 0) AnsiConsole.Write(table);
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Mentions.Count} mention(s) would be ingested from {result.Seen} item(s) read; {result.Malformed} malformed item(s) skipped."));
        if (result.SourceError is { } error)
        {
            Console.Error.WriteLine("error: the source failed: " + TerminalSafeWriter.Visible(error));
            return 1;
        }
        return 0;
    }

    private static string Excerpt(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 80 ? line : string.Concat(line.AsSpan(0, 79), "…");
    }
}
