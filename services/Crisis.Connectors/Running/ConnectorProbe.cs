using Crisis.Connectors.Configuring;
using Crisis.Contracts.Mentions;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Running;

/// <summary>What a connector would ingest, read once: its settings' problems, or the mentions its queries match.</summary>
public sealed record ProbeResult(IReadOnlyList<string> Problems, IReadOnlyList<MentionObserved> Mentions, int Seen, int Malformed, string? SourceError);

/// <summary>
/// <c>crisis connectors test</c>: runs a connector's source from its backfill window for a while, matches what it reads
/// against the brands' queries, and returns the mentions it would hand to the intake. Writes nothing: no intake, no cursor.
/// </summary>
public static class ConnectorProbe
{
    public static async Task<ProbeResult> RunAsync(
        string name, ConnectorSettings settings, TimeSpan duration, int most, IServiceProvider services, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var problems = ConnectorSettingsValidator.Problems(name, settings).ToList();
        if (problems.Count > 0) return new ProbeResult(problems, [], 0, 0, null);

        var source = ConnectorSources.Create(name, settings, services, TimeProvider.System, loggers);
        var matcher = ConnectorsService.MatcherFor(settings);
        var mentions = new List<MentionObserved>();
        var brands = new List<string>();
        int seen = 0, malformed = 0;
        string? error = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(duration);
        try
        {
            await foreach (var batch in source.ReadAsync(null, timeout.Token))
            {
                seen += batch.Seen;
                malformed += batch.Malformed;
                foreach (var post in batch.Posts)
                {
                    brands.Clear();
                    matcher.Match(new Querying.MatchablePost(post.Text, post.AuthorHandle, post.Language), brands);
                    mentions.AddRange(brands.Select(brand => ConnectorRun.ToMention(source.Platform, brand, post)));
                }
                if (mentions.Count >= most) break;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The time given is over.
        }
        catch (SourceUnavailableException e)
        {
            error = e.Message;
        }
        return new ProbeResult([], mentions.Take(most).ToList(), seen, malformed, error);
    }
}
