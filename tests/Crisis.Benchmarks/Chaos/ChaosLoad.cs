using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crisis.Contracts.Mentions;
using Crisis.ServiceDefaults.Security.IssuingTokens;
using MassTransit;

namespace Crisis.Benchmarks.Chaos;

/// <summary>
/// The soak's clients: a connector posting NDJSON batches over HTTP to any host, and a connector publishing on the bus,
/// each paced to its share of the target rate. Like real connectors they send a batch again, to the next host, until it
/// is acknowledged (HTTP 2xx after the commit; the broker's publish confirmation), so a fault costs time, never data.
/// Every acknowledged key is written to the acknowledgement file, which the report compares with the store.
/// </summary>
public sealed class ChaosLoad
{
    private const int HttpBatch = 100;
    private const int BusBatch = 50;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly ChaosOptions options;
    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentDictionary<string, byte> acknowledged = new(StringComparer.Ordinal);
    private readonly Stopwatch clock = new();
    private long httpSent, busSent, httpRetries, busRetries, busBacklog, busBacklogPeak, busPausedSeconds, busRenewals;
    private long httpLongestWaitMs, busLongestWaitMs;

    /// <summary>What the hosts answered to the HTTP requests that were not acknowledged, by status or error, and how often.</summary>
    private readonly ConcurrentDictionary<string, long> httpRefusals = new(StringComparer.Ordinal);

    /// <summary>
    /// A connector that publishes faster than the intake stores only fills the queue: above this many waiting messages
    /// (<c>--max-backlog</c>, 20,000 by default) the bus client pauses (as a connector honouring flow control would), so
    /// the run measures what is stored and the drain at the end takes minutes, not hours. A long-outage run raises it so
    /// that the queue holds the whole outage's share.
    /// </summary>
    private long MaxBusBacklog => options.MaxBusBacklog;

    /// <summary>The longest Retry-After a client honours; a longer one would only slow the catch-up after an outage.</summary>
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    private ChaosLoad(ChaosOptions options) => this.options = options;

    public static async Task<int> RunAsync(string[] args)
    {
        var load = new ChaosLoad(ChaosOptions.Parse(args));
        await load.RunAsync();
        return 0;
    }

    /// <summary><c>chaos-key --out key.json</c>: the run's signing key, which the soak's hosts trust and its clients sign with.</summary>
    public static int WriteKey(string[] args)
    {
        var path = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--out is required");
        SigningKey.Create(TimeProvider.System).WriteTo(path);
        return 0;
    }

    private static readonly string[] BulkBrands = [.. Enumerable.Range(0, 20).Select(i => string.Create(CultureInfo.InvariantCulture, $"chaos-bulk-{i:D2}"))];

    private string[] BuzzBrands => [.. Enumerable.Range(1, options.Buzzes).Select(i => string.Create(CultureInfo.InvariantCulture, $"chaos-buzz-{i}"))];

    private HttpClient[] Clients()
    {
        var key = SigningKey.Read(options.KeyFile);
        var token = TokenIssuer.Issue(key, new TokenRequest("chaos-connector", options.Organisation, ["admin"], TimeSpan.FromHours(3)), DateTimeOffset.UtcNow);
        return [.. options.Hosts.Select(h =>
        {
            var client = new HttpClient { BaseAddress = h, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        })];
    }

    private async Task RunAsync()
    {
        var clients = Clients();
        foreach (var brand in BulkBrands.Concat(BuzzBrands))
            await UntilAcknowledgedAsync(clients, c => c.PostAsJsonAsync("/api/brands", new { id = brand, name = brand, organisationId = options.Organisation }));
        bus = await StartBusAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[chaos-load] run {run}: {options.Rate}/s for {options.Duration.TotalSeconds:0} s, {options.HttpShare:P0} over HTTP, {options.Buzzes} buzzes"));

        using var stop = new CancellationTokenSource(options.Duration);
        clock.Start();
        var httpRate = options.Rate * options.HttpShare;
        var busRate = options.Rate - httpRate;
        var tasks = new List<Task>();
        tasks.AddRange(Enumerable.Range(0, options.HttpWorkers).Select(w => HttpWorkerAsync(clients, httpRate, w, stop.Token)));
        tasks.AddRange(Enumerable.Range(0, options.BusWorkers).Select(w => BusWorkerAsync(busRate, w, stop.Token)));
        tasks.Add(BuzzesAsync(clients, stop.Token));
        tasks.Add(ProgressAsync(stop.Token));
        tasks.Add(WatchBacklogAsync(stop.Token));
        await Task.WhenAll(tasks);
        clock.Stop();
        await bus.StopAsync();

        await File.WriteAllLinesAsync(options.AcknowledgedFile, acknowledged.Keys);
        var summary = new
        {
            run,
            targetRate = options.Rate,
            seconds = clock.Elapsed.TotalSeconds,
            httpSent,
            busSent,
            acknowledged = acknowledged.Count,
            httpRetries,
            busRetries,
            busPausedSeconds,
            busRenewals,
            maxBusBacklog = MaxBusBacklog,
            busBacklogPeak,
            httpLongestWaitSeconds = httpLongestWaitMs / 1000.0,
            busLongestWaitSeconds = busLongestWaitMs / 1000.0,
            httpRefusals = httpRefusals.OrderByDescending(r => r.Value).ToDictionary(r => r.Key, r => r.Value),
            achievedRate = acknowledged.Count / clock.Elapsed.TotalSeconds,
            buzzBrands = BuzzBrands,
        };
        await File.WriteAllTextAsync(options.SummaryFile, JsonSerializer.Serialize(summary, Json));
        Console.WriteLine("[chaos-load] " + JsonSerializer.Serialize(summary, Json));
    }

    /// <summary>Waits until this path is due another batch at its rate; false once the run is over.</summary>
    private async Task<bool> DueAsync(Func<long> sent, double rate, int batch, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (sent() + batch <= rate * clock.Elapsed.TotalSeconds) return true;
            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
        return false;
    }

    private async Task HttpWorkerAsync(HttpClient[] clients, double rate, int worker, CancellationToken stop)
    {
        var random = new Random(worker);
        var sequence = (long)worker << 40;
        while (await DueAsync(() => Interlocked.Read(ref httpSent), rate, HttpBatch, stop))
        {
            Interlocked.Add(ref httpSent, HttpBatch);
            var batch = Enumerable.Range(0, HttpBatch).Select(_ => ChaosMentions.Bulk(run + "h", BulkBrands[random.Next(20)], sequence++, random)).ToList();
            await PostAsync(clients, batch, worker);
        }
    }

    private IBusControl bus = null!;
    private int renewing;
    private DateTime busStartedAt;

    private async Task<IBusControl> StartBusAsync()
    {
        var started = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(options.RabbitMq));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await started.StartAsync(timeout.Token);
        busStartedAt = DateTime.UtcNow;
        return started;
    }

    /// <summary>
    /// After a broker restart, a publish that was cancelled while MassTransit reconnected can leave the client's bus
    /// publishing nowhere (seen in the first 10-minute soak: every publish timed out from the second restart on). A
    /// connector would reconnect: the first worker to time out on a bus older than 30 s replaces it.
    /// </summary>
    private async Task RenewBusAsync(IBusControl failed)
    {
        if (Interlocked.Exchange(ref renewing, 1) == 1) return;
        try
        {
            if (!ReferenceEquals(bus, failed) || DateTime.UtcNow - busStartedAt < TimeSpan.FromSeconds(30)) return;
            var fresh = await StartBusAsync();
            bus = fresh;
            Interlocked.Increment(ref busRenewals);
            _ = failed.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The broker is still away: the next timeout tries again.
        }
        finally
        {
            Volatile.Write(ref renewing, 0);
        }
    }

    private async Task BusWorkerAsync(double rate, int worker, CancellationToken stop)
    {
        var random = new Random(1000 + worker);
        var sequence = (long)worker << 40;
        while (await DueAsync(() => Interlocked.Read(ref busSent), rate, BusBatch, stop))
        {
            while (Interlocked.Read(ref busBacklog) > MaxBusBacklog && !stop.IsCancellationRequested)
            {
                if (worker == 0) Interlocked.Increment(ref busPausedSeconds);
                await Task.Delay(1000, CancellationToken.None);
            }
            Interlocked.Add(ref busSent, BusBatch);
            var batch = Enumerable.Range(0, BusBatch).Select(_ => ChaosMentions.Bulk(run + "b", BulkBrands[random.Next(20)], sequence++, random)).ToList();
            var waiting = Stopwatch.StartNew();
            while (true)
            {
                var current = bus;
                try
                {
                    // A publish is acknowledged once the broker confirms it; during an outage MassTransit waits for the
                    // connection, so a timeout bounds the wait and the batch is published again (stored once anyway).
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    await current.PublishBatch(batch, timeout.Token);
                    break;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Interlocked.Increment(ref busRetries);
                    await RenewBusAsync(current);
                    await Task.Delay(500, CancellationToken.None);
                }
            }
            Longest(ref busLongestWaitMs, waiting);
            foreach (var mention in batch) acknowledged.TryAdd(ChaosMentions.Key(mention), 0);
        }
    }

    /// <summary>Each buzz brand's six hours and wave, posted at evenly spaced times of the run, faults or not.</summary>
    private async Task BuzzesAsync(HttpClient[] clients, CancellationToken stop)
    {
        foreach (var (brand, i) in BuzzBrands.Select((b, i) => (b, i)))
        {
            var at = options.Duration * (0.1 + 0.7 * i / Math.Max(1, options.Buzzes));
            var wait = at - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            var mentions = ChaosMentions.Buzz(run, brand, seed: 5 + i);
            foreach (var batch in mentions.Chunk(HttpBatch)) await PostAsync(clients, [.. batch], i);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[chaos-load] {clock.Elapsed.TotalSeconds:0} s: buzz of {brand} posted ({mentions.Count} mentions)"));
        }
    }

    private async Task PostAsync(HttpClient[] clients, List<MentionObserved> batch, int start)
    {
        var body = new StringBuilder();
        foreach (var mention in batch) body.Append(JsonSerializer.Serialize(mention, Json)).Append('\n');
        var text = body.ToString();
        await UntilAcknowledgedAsync(clients, c => c.PostAsync(new Uri("/api/mentions", UriKind.Relative),
            new StringContent(text, Encoding.UTF8, "application/x-ndjson")), start);
        foreach (var mention in batch) acknowledged.TryAdd(ChaosMentions.Key(mention), 0);
    }

    /// <summary>
    /// Sends to one host after another until one answers 2xx: what a connector behind a load balancer does. A 503 or 429
    /// with Retry-After is honoured (up to <see cref="MaxRetryAfter"/>); anything else is tried again after 200 ms.
    /// </summary>
    private async Task UntilAcknowledgedAsync(HttpClient[] clients, Func<HttpClient, Task<HttpResponseMessage>> send, int start = 0)
    {
        var waiting = Stopwatch.StartNew();
        for (var attempt = start; ; attempt++)
        {
            var pause = TimeSpan.FromMilliseconds(200);
            try
            {
                using var response = await send(clients[attempt % clients.Length]);
                if (response.IsSuccessStatusCode)
                {
                    Longest(ref httpLongestWaitMs, waiting);
                    return;
                }
                if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                    throw new InvalidOperationException($"refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                var retryAfter = response.Headers.RetryAfter?.Delta;
                httpRefusals.AddOrUpdate(string.Create(CultureInfo.InvariantCulture,
                    $"{(int)response.StatusCode}{(retryAfter is { } d ? $" Retry-After {d.TotalSeconds:0}" : " no Retry-After")}"), 1, (_, n) => n + 1);
                if (retryAfter is { } delta && delta > TimeSpan.Zero) pause = delta < MaxRetryAfter ? delta : MaxRetryAfter;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The host is down or restarting: the next one.
                httpRefusals.AddOrUpdate(e is TaskCanceledException ? "timeout (30 s)" : $"no answer ({(e as HttpRequestException)?.HttpRequestError})", 1, (_, n) => n + 1);
            }
            Interlocked.Increment(ref httpRetries);
            await Task.Delay(pause);
        }
    }

    private static void Longest(ref long longestMs, Stopwatch waited)
    {
        var ms = waited.ElapsedMilliseconds;
        long seen;
        while (ms > (seen = Interlocked.Read(ref longestMs)) && Interlocked.CompareExchange(ref longestMs, ms, seen) != seen) { }
    }

    /// <summary>The intake queue's depth, every second; kept as it was while the broker cannot be asked.</summary>
    private async Task WatchBacklogAsync(CancellationToken stop)
    {
        RabbitMQ.Client.IConnection? connection = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                connection ??= await new RabbitMQ.Client.ConnectionFactory { Uri = options.RabbitMq }.CreateConnectionAsync(stop);
                await using var channel = await connection.CreateChannelAsync(cancellationToken: stop);
                var depth = (await channel.QueueDeclarePassiveAsync(MentionQueues.Observed, stop)).MessageCount;
                Interlocked.Exchange(ref busBacklog, depth);
                if (depth > Interlocked.Read(ref busBacklogPeak)) Interlocked.Exchange(ref busBacklogPeak, depth);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                connection?.Dispose();
                connection = null;
            }
            catch (OperationCanceledException)
            {
                break;
            }
            try
            {
                await Task.Delay(1000, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        connection?.Dispose();
    }

    private async Task ProgressAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[chaos-load] {clock.Elapsed.TotalSeconds:0} s: {acknowledged.Count} acknowledged ({acknowledged.Count / clock.Elapsed.TotalSeconds:0}/s), retries http {httpRetries} bus {busRetries}, bus backlog {busBacklog}"));
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
