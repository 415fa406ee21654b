namespace Crisis.Connectors.Configuring;

/// <summary>The connectors this node runs (<c>Connectors:Instances</c>), by name. See docs/connectors.md.</summary>
public sealed class ConnectorsSettings
{
    public const string Section = "Connectors";

    public Dictionary<string, ConnectorSettings> Instances { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One connector: one source, one organisation, the brands it watches there and how.</summary>
public sealed class ConnectorSettings
{
    /// <summary>bluesky, mastodon (more to come: docs/connectors.md lists what each accepts).</summary>
    public string Source { get; set; } = "";

    /// <summary>
    /// The organisation every mention of this connector is recorded for, fixed here: the intake refuses any brand of
    /// another organisation, so a connector can never write another organisation's brands.
    /// </summary>
    public string Organisation { get; set; } = "";

    /// <summary>Brand id → query in the brand query grammar (docs/connectors.md#queries).</summary>
    public Dictionary<string, string> Brands { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Base address of the source; each source has a public default.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>What to follow, where the source needs it: a Mastodon hashtag (<c>#acme</c>) or <c>public</c>.</summary>
    public List<string> Targets { get; set; } = [];

    /// <summary>An access token, inline (development) or better in <see cref="TokenFile"/>.</summary>
    public string? Token { get; set; }

    /// <summary>A file holding the access token (a mounted secret), read at start.</summary>
    public string? TokenFile { get; set; }

    /// <summary>On the first start (no cursor yet), how far back to read where the source can. Default 1 hour.</summary>
    public TimeSpan Backfill { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most posts handed to the intake in one commit. Default 200.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Longest a matched post waits before its batch is committed. Default 1 second.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Polled sources: time between polls. Default 60 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait between two reconnection attempts (backoff with jitter). Default 60 seconds.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The token, from <see cref="TokenFile"/> when set, else <see cref="Token"/>.</summary>
    public string? ReadToken() => TokenFile is { Length: > 0 } file ? File.ReadAllText(file).Trim() : Token;
}
