namespace Crisis.Connectors.Running;

/// <summary>A post as a source read it, before matching: what a mention needs, in the source's own terms.</summary>
/// <param name="AuthorFollowers">The author's reach where the source gives it (Mastodon does, the Jetstream does not).</param>
/// <param name="Language">The language the source or the author declared (a BCP 47 tag), if any.</param>
public sealed record SourcePost(
    string PostId,
    string AuthorHandle,
    string? AuthorDisplayName,
    long? AuthorFollowers,
    string Text,
    string? Language,
    Uri? Url,
    DateTimeOffset PublishedAt,
    string? ReplyTo);

/// <summary>
/// Posts read since the previous batch, and the source position right after the last of them (null: unchanged). The
/// position is stored only once the batch's mentions are committed.
/// </summary>
/// <param name="Seen">Items read from the source, posts or not (a firehose carries likes and follows too).</param>
/// <param name="Malformed">Items that could not be read, each logged with its source and skipped.</param>
public sealed record SourceBatch(IReadOnlyList<SourcePost> Posts, string? PositionAfter, int Seen, int Malformed);

/// <summary>
/// Why a source cannot be read right now (a disconnect, a 5xx, a 429): the connector reconnects from its stored position
/// after <paramref name="RetryAfter"/> when the source said how long to wait, otherwise after a backoff with jitter.
/// </summary>
public sealed class SourceUnavailableException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>One platform's reading side: posts from a position on, in order, batch after batch, for as long as asked.</summary>
public interface IConnectorSource
{
    /// <summary>The intake's platform name of what this source reads (bluesky, mastodon…).</summary>
    string Platform { get; }

    /// <param name="position">Where the previous run stopped, or null on the very first run (backfill, then live).</param>
    IAsyncEnumerable<SourceBatch> ReadAsync(string? position, CancellationToken cancellationToken);
}
