using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Crisis.Connectors.Configuring;
using Crisis.Connectors.Running;
using Microsoft.Extensions.Logging;

namespace Crisis.Connectors.Sources.Polling;

/// <summary>What one poll of one target found, and that target's position after it.</summary>
public sealed record PolledPage(IReadOnlyList<SourcePost> Posts, string? Position, int Seen, int Malformed);

/// <summary>
/// A source read by polling (feeds, Reddit, YouTube, X search): every target in turn, then a wait of PollInterval. The
/// position is one per target (a JSON object target → position), so a connector of several feeds resumes each where it was.
/// </summary>
public abstract partial class PolledSource(string connector, ConnectorSettings settings, HttpClient http, TimeProvider clock, ILogger logger)
    : IConnectorSource
{
    public abstract string Platform { get; }

    protected string Connector => connector;

    protected ConnectorSettings Settings => settings;

    protected TimeProvider Clock => clock;

    protected ILogger Logger => logger;

    /// <summary>What to poll: the settings' targets, or one fixed target for sources that need none.</summary>
    protected virtual IReadOnlyList<string> Targets => settings.Targets;

    public async IAsyncEnumerable<SourceBatch> ReadAsync(string? position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var positions = Positions(position);
        while (true)
        {
            foreach (var target in Targets)
            {
                var page = await PollAsync(target, positions.GetValueOrDefault(target), cancellationToken);
                if (page.Position is not null) positions[target] = page.Position;
                yield return new SourceBatch(page.Posts, JsonSerializer.Serialize(positions), page.Seen, page.Malformed);
            }
            await Task.Delay(settings.PollInterval, clock, cancellationToken);
        }
    }

    /// <param name="position">This target's position, or null on its first poll (read back as far as Backfill allows).</param>
    protected abstract Task<PolledPage> PollAsync(string target, string? position, CancellationToken cancellationToken);

    /// <summary>A GET whose failures become <see cref="SourceUnavailableException"/>: 429 and 503 with the wait the source asked for.</summary>
    protected async Task<HttpResponseMessage> GetAsync(Uri address, string accept, CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Accept.ParseAdd(accept);
        // Reddit refuses clients without a descriptive User-Agent; the others accept it.
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("crisis-connectors", "1.0"));
        configure?.Invoke(request);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new SourceUnavailableException($"cannot reach {address.Host}: {e.Message}", null, e);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var retryAfter = RetryAfter.From(response, clock.GetUtcNow());
            throw new SourceUnavailableException(
                $"{address.Host} answered {(int)response.StatusCode} to {address.AbsolutePath}{(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? " (check the connector's token)" : "")}",
                response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.Forbidden ? retryAfter : null);
        }
    }

    /// <summary>Logs an item that could not be read, with the connector and the source, and counts it.</summary>
    protected void Malformed(string problem, string excerpt) =>
        LogMalformed(logger, connector, Platform, problem, new string(excerpt[..Math.Min(excerpt.Length, 200)].Select(c => char.IsControl(c) ? ' ' : c).ToArray()));

    private static Dictionary<string, string> Positions(string? position)
    {
        if (string.IsNullOrEmpty(position)) return new(StringComparer.Ordinal);
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(position) ?? new(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // A position written by another version: start again from the backfill window; the intake absorbs the overlap.
            return new(StringComparer.Ordinal);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Connector} skipped a malformed {Platform} item ({Problem}): {Excerpt}")]
    private static partial void LogMalformed(ILogger logger, string connector, string platform, string problem, string excerpt);
}
