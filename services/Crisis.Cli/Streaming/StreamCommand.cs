using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crisis.ServiceDefaults.Http.Validating;
using Spectre.Console.Cli;

namespace Crisis.Cli.Streaming;

/// <summary>
/// <c>crisis stream --input f.ndjson --url http://host:port --accelerate-from T --speed 60</c>: sends mentions to a
/// host's HTTP intake as a connector would, the backlog at once and the rest paced at accelerated time.
/// </summary>
public sealed class StreamCommand : AsyncCommand<StreamCommand.Settings>
{
    private const int MaxBatch = 2000;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--input <FILE>")]
        [Description("NDJSON mentions (e.g. from 'crisis sample').")]
        public string Input { get; init; } = "";

        [CommandOption("--url <URL>")]
        [Description("Base URL of a Crisis host, e.g. http://127.0.0.1:5080.")]
        public string Url { get; init; } = "";

        [CommandOption("--accelerate-from <TIME>")]
        [Description("ISO 8601 publication time from which mentions are paced; earlier ones are sent at once. Default: pace everything.")]
        public string? AccelerateFrom { get; init; }

        [CommandOption("--all-at-once")]
        [Description("Send every mention at once, in publication order, without pacing (an import, or a demo in a hurry).")]
        public bool AllAtOnce { get; init; }

        [CommandOption("--speed <FACTOR>")]
        [Description("How many times faster than real time the paced part runs. Default: 60 (an hour a minute).")]
        public double Speed { get; init; } = 60;

        [CommandOption("--token <JWT>")]
        [Description("Bearer token for the API. Default: $CRISIS_TOKEN.")]
        public string? Token { get; init; }

        [CommandOption("--api-key <KEY>")]
        [Description("Ingestion API key, sent as X-Api-Key. Default: $CRISIS_API_KEY.")]
        public string? ApiKey { get; init; }

        public override Spectre.Console.ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Input)) return Spectre.Console.ValidationResult.Error("--input is required");
            if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                return Spectre.Console.ValidationResult.Error("--url must be an absolute http(s) URL");
            if (AccelerateFrom is not null && !InputRules.TryParseInstant(AccelerateFrom, out _))
                return Spectre.Console.ValidationResult.Error($"--accelerate-from '{AccelerateFrom}' {InputRules.InstantRule}");
            if (AllAtOnce && AccelerateFrom is not null)
                return Spectre.Console.ValidationResult.Error("--all-at-once and --accelerate-from exclude each other: everything is sent at once, or paced from a time");
            if (Speed is <= 0 or > 100_000) return Spectre.Console.ValidationResult.Error("--speed must be above 0 and at most 100000");
            return Spectre.Console.ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        List<TimedLine> lines;
        try
        {
            using var reader = new StreamReader(settings.Input);
            lines = StreamSchedule.Read(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            await Console.Error.WriteLineAsync($"crisis stream: {settings.Input}: {e.Message}");
            return 1;
        }
        if (lines.Count == 0)
        {
            await Console.Error.WriteLineAsync($"crisis stream: {settings.Input} holds no mention");
            return 1;
        }
        // Everything at once is a backlog that ends after the last mention: nothing is left to pace.
        var from = settings.AllAtOnce ? lines.Max(l => l.PublishedAt).AddTicks(1)
            : settings.AccelerateFrom is null ? lines.Min(l => l.PublishedAt)
            : InputRules.TryParseInstant(settings.AccelerateFrom, out var accelerateFrom) ? accelerateFrom
            : throw new FormatException($"--accelerate-from {InputRules.InstantRule}");
        var schedule = new StreamSchedule(lines, from, settings.Speed);
        using var http = Client(settings);
        var totals = new IntakeTotals();

        var backlog = schedule.TakeBacklog();
        if (!await SendAsync(http, backlog, totals, cancellationToken)) return 1;
        if (backlog.Count > 0) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[stream] backlog: {backlog.Count} mentions published before {from.UtcDateTime:yyyy-MM-dd HH:mm}Z sent at once"));

        if (schedule.Done)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[stream] done: {totals.Accepted} accepted, {totals.Duplicates} already known, {totals.Rejected} rejected"));
            return totals.Rejected > 0 ? 2 : 0;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[stream] pacing {schedule.Total - schedule.Sent} mentions at {settings.Speed:0.#}x real time ({(schedule.End!.Value - from).TotalMinutes:0} min of publication time), then in real time once caught up with the clock"));
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (!schedule.Done)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            if (!await SendAsync(http, schedule.TakeDue(clock.Elapsed, DateTimeOffset.UtcNow), totals, cancellationToken)) return 1;
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(15) || schedule.Done)
            {
                lastReport = clock.Elapsed;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[stream] publication time {Min(schedule.EventTimeAfter(clock.Elapsed, DateTimeOffset.UtcNow), schedule.End.Value).UtcDateTime:HH:mm}Z: {schedule.Sent}/{schedule.Total} sent"));
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[stream] done: {totals.Accepted} accepted, {totals.Duplicates} already known, {totals.Rejected} rejected"));
        return totals.Rejected > 0 ? 2 : 0;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static HttpClient Client(Settings settings)
    {
        var http = new HttpClient { BaseAddress = new Uri(settings.Url), Timeout = TimeSpan.FromMinutes(2) };
        if ((settings.Token ?? Environment.GetEnvironmentVariable("CRISIS_TOKEN")) is { Length: > 0 } token)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if ((settings.ApiKey ?? Environment.GetEnvironmentVariable("CRISIS_API_KEY")) is { Length: > 0 } key)
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private static async Task<bool> SendAsync(HttpClient http, IReadOnlyList<TimedLine> due, IntakeTotals totals, CancellationToken ct)
    {
        foreach (var chunk in due.Chunk(MaxBatch))
        {
            var body = new StringBuilder();
            foreach (var line in chunk) body.Append(line.Json).Append('\n');
            using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson");
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync(new Uri("/api/mentions", UriKind.Relative), content, ct);
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"crisis stream: {http.BaseAddress} did not answer: {e.Message}");
                return false;
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode && (int)response.StatusCode != 422)
                {
                    await Console.Error.WriteLineAsync($"crisis stream: the intake answered {(int)response.StatusCode}: {text}");
                    return false;
                }
                totals.Add(text, chunk.Length);
            }
        }
        return true;
    }

    /// <summary>Adds up the intake's per-request reports (accepted / duplicates / rejected with reasons).</summary>
    private sealed class IntakeTotals
    {
        public long Accepted { get; private set; }
        public long Duplicates { get; private set; }
        public long Rejected { get; private set; }

        public void Add(string report, int sent)
        {
            using var document = JsonDocument.Parse(report);
            var root = document.RootElement;
            // A 422 is a problem document whose extensions carry the same report; both shapes are read alike.
            Accepted += Count(root, "accepted");
            Duplicates += Count(root, "duplicate");
            var rejected = Count(root, "rejected");
            if (rejected == 0 && root.TryGetProperty("status", out var status) && status.GetInt32() == 422) rejected = sent;
            Rejected += rejected;
            if (rejected > 0 && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in errors.EnumerateArray().Take(3)) Console.Error.WriteLine($"crisis stream: rejected: {error}");
            }
        }

        private static long Count(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetInt64(),
                JsonValueKind.Array => value.GetArrayLength(),
                _ => 0,
            } : 0;
    }
}
