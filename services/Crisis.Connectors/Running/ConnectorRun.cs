using System.Diagnostics;
using System.Globalization;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Cursors;
using Crisis.Connectors.Querying;
using Crisis.Contracts.Mentions;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Crisis.Connectors.Running;

/// <summary>
/// One connector, for as long as the host runs: read from the stored position, match each post against the brands'
/// queries, hand the mentions to the intake, and only once it has committed store the position after them. Whatever
/// fails (a disconnect, a 429, a 5xx, the store down) is retried by reconnecting from the stored position, after the
/// source's Retry-After or an exponential backoff with jitter; the overlap this replays is absorbed by the intake's
/// deduplication, so nothing is lost and nothing doubled.
/// </summary>
public sealed partial class ConnectorRun(
    string name,
    ConnectorSettings settings,
    IConnectorSource source,
    BrandMatcher matcher,
    IMentionIntake intake,
    ICursorStore cursors,
    ConnectorsTelemetry telemetry,
    TimeProvider clock,
    ILogger logger)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private readonly List<string> matchedBrands = [];
    private int failuresWithoutProgress;

    public string Name => name;

    public async Task RunAsync(CancellationToken stopping)
    {
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => !stopping.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(DelayAfter(args.Outcome.Exception)),
                OnRetry = async args =>
                {
                    var reason = args.Outcome.Exception?.Message ?? "the source ended the stream";
                    telemetry.Failed(name, reason);
                    telemetry.Reconnected(name);
                    LogReconnecting(logger, name, settings.Source, reason, args.RetryDelay.TotalSeconds);
                    await RecordFailureAsync(reason);
                },
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(async ct => await ReadFromStoredPositionAsync(ct), stopping);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // The host is stopping (a read cut short may fail in its own way): the stored position is where the next start resumes.
        }
    }

    private async ValueTask ReadFromStoredPositionAsync(CancellationToken cancellationToken)
    {
        var position = (await cursors.LoadAsync(name, cancellationToken))?.Position;
        LogStarting(logger, name, settings.Source, position ?? "(none: backfill)");
        await foreach (var batch in source.ReadAsync(position, cancellationToken))
        {
            await CommitAsync(batch, cancellationToken);
            if (batch.Seen > 0) failuresWithoutProgress = 0;
        }
        throw new SourceUnavailableException("the source ended the stream");
    }

    /// <summary>Mentions to the intake, then the position: never the other way round.</summary>
    internal async Task CommitAsync(SourceBatch batch, CancellationToken cancellationToken)
    {
        var mentions = Match(batch.Posts);
        var outcome = new IntakeOutcome(0, 0, 0, []);
        if (mentions.Count > 0)
        {
            using var activity = ConnectorsTelemetry.Source.StartActivity("connector.batch");
            activity?.SetTag("crisis.connector", name);
            activity?.SetTag("crisis.connector.source", settings.Source);
            activity?.SetTag("crisis.connector.mentions", mentions.Count);
            outcome = await intake.RecordAsync(settings.Organisation, mentions, cancellationToken);
            foreach (var problem in outcome.Problems.Take(5)) LogRejected(logger, name, problem);
        }
        DateTimeOffset? newest = batch.Posts.Count == 0 ? null : batch.Posts.Max(p => p.PublishedAt);
        var matched = mentions.Count;
        if (batch.PositionAfter is not null || batch.Seen > 0 || batch.Malformed > 0)
        {
            await cursors.SaveAsync(name, settings.Source, settings.Organisation, batch.PositionAfter,
                new CursorProgress(batch.Seen, matched, outcome.Accepted, batch.Malformed, 0, 0),
                clock.GetUtcNow(), newest, null, cancellationToken);
        }
        telemetry.Progressed(name);
        telemetry.Counted(name, "seen", batch.Seen);
        telemetry.Counted(name, "matched", matched);
        telemetry.Counted(name, "sent", outcome.Accepted);
        telemetry.Counted(name, "duplicate", outcome.Duplicate);
        telemetry.Counted(name, "rejected", outcome.Rejected);
        telemetry.Counted(name, "malformed", batch.Malformed);
        if (newest is { } at && matched > 0) telemetry.Committed(name, at);
    }

    /// <summary>One mention per post and brand whose query it matches (a post can mention two brands).</summary>
    internal List<MentionObserved> Match(IReadOnlyList<SourcePost> posts)
    {
        var mentions = new List<MentionObserved>();
        foreach (var post in posts)
        {
            matchedBrands.Clear();
            matcher.Match(new MatchablePost(post.Text, post.AuthorHandle, post.Language), matchedBrands);
            foreach (var brand in matchedBrands) mentions.Add(ToMention(source.Platform, brand, post));
        }
        return mentions;
    }

    public static MentionObserved ToMention(string platform, string brand, SourcePost post) => new()
    {
        Platform = platform,
        PostId = post.PostId,
        BrandId = brand,
        Author = new MentionAuthor { Handle = post.AuthorHandle, DisplayName = post.AuthorDisplayName, Followers = post.AuthorFollowers },
        Text = post.Text,
        Language = post.Language,
        PublishedAt = post.PublishedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        Url = post.Url?.AbsoluteUri,
        ReplyTo = post.ReplyTo,
    };

    /// <summary>The source's Retry-After when it gave one; otherwise exponential from 1 s to MaxBackoff, with full jitter.</summary>
    private TimeSpan DelayAfter(Exception? exception)
    {
        if (exception is SourceUnavailableException { RetryAfter: { } retryAfter }) return retryAfter;
        var failures = ++failuresWithoutProgress;
        var ceiling = Math.Min(settings.MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20)));
        // Half fixed, half random: reconnecting clients spread out, and none retries at once.
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    private async Task RecordFailureAsync(string reason)
    {
        try
        {
            await cursors.SaveAsync(name, settings.Source, settings.Organisation, null, new CursorProgress(0, 0, 0, 0, 1, 1),
                clock.GetUtcNow(), null, reason.Length <= 500 ? reason : reason[..500], CancellationToken.None);
        }
        catch (Exception e)
        {
            // The store may be what failed: the counters are for operators, the reconnection goes on regardless.
            LogCountingFailed(logger, name, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {Connector} ({Source}) reading from position {Position}")]
    private static partial void LogStarting(ILogger logger, string connector, string source, string position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Connector} ({Source}) lost its source ({Reason}); reconnecting from its stored position in {DelaySeconds:0.0} s")]
    private static partial void LogReconnecting(ILogger logger, string connector, string source, string reason, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Connector}: the intake rejected a mention: {Problem}")]
    private static partial void LogRejected(ILogger logger, string connector, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connector {Connector} could not count its failure: {Reason}")]
    private static partial void LogCountingFailed(ILogger logger, string connector, string reason);
}
