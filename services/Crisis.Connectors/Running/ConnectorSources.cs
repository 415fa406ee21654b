using Crisis.Connectors.Configuring;
using Crisis.Connectors.Sources.Bluesky;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Running;

/// <summary>The sources a connector can read, by the name its settings give (<c>Source</c>).</summary>
public static class ConnectorSources
{
    public const string Bluesky = "bluesky";

    public static readonly IReadOnlyList<string> Names = [Bluesky];

    public static bool IsKnown(string? name) => name is not null && Names.Contains(name, StringComparer.Ordinal);

    /// <summary>What a source needs beyond the common settings (targets, a token), as "Setting: reason".</summary>
    public static IEnumerable<string> Problems(ConnectorSettings settings) => settings.Source switch
    {
        Bluesky when settings.Targets.Count > 0 => ["Targets: the Jetstream carries every public post; leave Targets empty and say what to watch in the brands' queries"],
        _ => [],
    };

    public static IConnectorSource Create(string connector, ConnectorSettings settings, IServiceProvider services, TimeProvider clock, ILoggerFactory loggers) =>
        settings.Source switch
        {
            Bluesky => new JetstreamSource(connector, settings, clock, loggers.CreateLogger<JetstreamSource>()),
            _ => throw new InvalidOperationException($"connector '{connector}' names an unknown source '{settings.Source}'"),
        };
}
