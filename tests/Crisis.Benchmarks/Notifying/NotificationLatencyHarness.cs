using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Crisis.Contracts.Buzz;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crisis.Benchmarks.Notifying;

/// <summary>
/// From the buzz page to the on-call channel, whole process: a real Crisis.Host (built in Release) on the real
/// PostgreSQL and RabbitMQ, a loopback webhook receiver standing in for the responder's endpoint. For each of N
/// brands in turn, publishes one <see cref="BuzzEscalated"/> and waits until the receiver sees the level-1 page;
/// the latency is from just before the publish to the moment the receiver's handler runs (the request has arrived,
/// so the channel's send call happened a little earlier: the figure slightly overstates the issue's measure).
/// </summary>
public static class NotificationLatencyHarness
{
    private const string Connection = "Host=127.0.0.1;Port=5432;Database=crisis;Username=crisis;Password=crisis;Maximum Pool Size=20";
    private const string Schema = "bench_notify";
    private const string Organisation = "bench-org";

    /// <summary>The API requires a token: the harness's host trusts a key made for the run, and the harness signs an admin token with it.</summary>
    private static readonly Lazy<(string Path, Crisis.ServiceDefaults.Security.IssuingTokens.SigningKey Key)> RunKey = new(() =>
    {
        var key = Crisis.ServiceDefaults.Security.IssuingTokens.SigningKey.Create(TimeProvider.System);
        var path = Path.Combine(Path.GetTempPath(), $"crisis-bench-{Environment.ProcessId}-{key.KeyId}.key.json");
        key.WriteTo(path);
        return (path, key);
    });

    private static string AdminToken() => Crisis.ServiceDefaults.Security.IssuingTokens.TokenIssuer.Issue(RunKey.Value.Key,
        new Crisis.ServiceDefaults.Security.IssuingTokens.TokenRequest("bench-admin", Organisation, ["admin"], TimeSpan.FromHours(4)), DateTimeOffset.UtcNow);

    public static async Task<int> RunAsync(string[] args)
    {
        var pages = Option(args, "--pages", 200);
        var warmUp = Option(args, "--warm-up", 20);
        var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
        var rabbit = new Uri(Environment.GetEnvironmentVariable("CRISIS_BENCH_RABBITMQ")
            ?? Environment.GetEnvironmentVariable("CRISIS_TEST_RABBITMQ") ?? "amqp://crisis:crisis@127.0.0.1:5672/crisis-test");

        await DropSchemaAsync();
        await using var receiver = await Receiver.StartAsync();
        var onCall = Path.Combine(Path.GetTempPath(), $"crisis-bench-on-call-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(onCall, OnCallJson(new Uri(receiver.BaseAddress, "hooks/responder")));
        var host = await StartHostAsync(rabbit, onCall);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(rabbit));
        await bus.StartAsync();
        try
        {
            var run = Guid.NewGuid().ToString("N")[..6];
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken());
            var brands = Enumerable.Range(0, warmUp + pages).Select(i => string.Create(CultureInfo.InvariantCulture, $"bench{run}b{i:D4}")).ToList();
            foreach (var brand in brands)
            {
                using var response = await http.PostAsJsonAsync("/api/brands", new { id = brand, name = brand, organisationId = Organisation });
                response.EnsureSuccessStatusCode();
            }

            var latencies = new List<double>();
            foreach (var (brand, index) in brands.Select((b, i) => (b, i)))
            {
                var arrived = receiver.Expect(brand);
                var started = Stopwatch.GetTimestamp();
                await bus.Publish(Page(brand));
                var at = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
                if (index >= warmUp) latencies.Add(Stopwatch.GetElapsedTime(started, at).TotalMilliseconds);
            }

            var report = Report(latencies, warmUp);
            Console.WriteLine(report);
            if (output is not null) await File.WriteAllTextAsync(output, report);
            return 0;
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine("a page did not reach the receiver within 30 s; host output:\n" + host.Output);
            return 1;
        }
        finally
        {
            await bus.StopAsync();
            await host.DisposeAsync();
            File.Delete(onCall);
            await DropSchemaAsync();
        }
    }

    private static BuzzEscalated Page(string brand)
    {
        var detectedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        return new BuzzEscalated
        {
            EscalationId = $"{brand}/ep1/EpisodeStart/1",
            BrandId = brand,
            EpisodeId = $"{brand}/ep1",
            Kind = "EpisodeStart",
            Phase = "Crisis",
            Severity = 8,
            AnomalyScore = 9.1,
            OnsetAt = detectedAt.AddMinutes(-30),
            BucketAt = detectedAt.AddMinutes(-5),
            DetectedAt = detectedAt,
            Evidence = new BuzzEvidenceSummary
            {
                Mentions = 420,
                ExpectedMentions = 12.5,
                NegativeShare = 0.83,
                TopNegativePosts =
                [
                    new EvidencePost("x", "p1", "angry_traveller", 120_000, "ar", "خدمة العملاء سيئة جدا، لا أحد يرد"),
                    new EvidencePost("x", "p2", "lost_bag", 8_000, "fr", "Valise perdue, service client injoignable"),
                ],
                TopTerms = ["refund"],
                Languages = new Dictionary<string, long> { ["ar"] = 300, ["fr"] = 120 },
            },
        };
    }

    private static string Report(List<double> latencies, int warmUp)
    {
        latencies.Sort();
        double P(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"| pages | p50 | p95 | p99 | max | mean |");
        b.AppendLine("|---:|---:|---:|---:|---:|---:|");
        b.AppendLine(CultureInfo.InvariantCulture,
            $"| {latencies.Count} | {P(0.50):F0} ms | {P(0.95):F0} ms | {P(0.99):F0} ms | {latencies[^1]:F0} ms | {latencies.Average():F0} ms |");
        b.AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"After {warmUp} warm-up pages (not counted). Target: p99 under 1 s on an idle machine: **{(P(0.99) < 1000 ? "met" : "missed")}** in this run.");
        return b.ToString();
    }

    private static string OnCallJson(Uri hook) => $$"""
        {
          "rotations": [ { "id": "cell", "startsAt": "2020-01-01T00:00:00+00:00", "shiftLength": "3650.00:00:00", "members": [ { "id": "responder" } ] } ],
          "levels": [ { "level": 1, "afterUnacknowledged": "00:00:00", "rotationIds": [ "cell" ] } ],
          "repeatLimit": 0,
          "noise": { "maxNotificationsPerWindow": 10, "capWindow": "01:00:00", "quietRenotifyInterval": "01:00:00", "groupingWindow": "00:01:00" },
          "contacts": { "responder": [ { "id": "webhook", "channel": "Webhook", "url": "{{hook}}", "secret": "bench-secret" } ] }
        }
        """;

    private static async Task<HostProcess> StartHostAsync(Uri rabbit, string onCall)
    {
        var root = RepositoryRoot();
        var dll = Path.Combine(root, "services", "Crisis.Host", "bin", "Release", "net10.0", "Crisis.Host.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("build services/Crisis.Host in Release first", dll);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        start.Environment["ConnectionStrings__Crisis"] = Connection;
        start.Environment["ConnectionStrings__RabbitMq"] = rabbit.ToString();
        start.Environment["EventStore__Schema"] = Schema;
        start.Environment["EventStore__ApplySchemaOnStartup"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment[$"Notifications__OnCallFiles__{Organisation}"] = onCall;
        start.Environment["Notifications__PublicBaseUrl"] = "http://crisis.bench/";
        start.Environment["Authentication__Jwt__SigningKeyFiles__0"] = RunKey.Value.Path;
        var host = new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start Crisis.Host"),
            new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")));
        await host.WaitUntilReadyAsync();
        return host;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Crisis.sln"))) return dir.FullName;
        throw new InvalidOperationException("Crisis.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task DropSchemaAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(Connection);
        await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>The responder's webhook: notes when the page of each brand arrives (the first one only).</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> expected = new(StringComparer.Ordinal);

        private Receiver(WebApplication app) => this.app = app;

        public Uri BaseAddress { get; private set; } = null!;

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hooks/{name}", async (HttpRequest request) =>
            {
                var at = Stopwatch.GetTimestamp();
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                foreach (var (brand, arrival) in receiver.expected)
                    if (body.Contains($"\"brandId\":\"{brand}\"", StringComparison.Ordinal)) arrival.TrySetResult(at);
                return Results.Ok();
            });
            await app.StartAsync();
            receiver.BaseAddress = new Uri(app.Urls.First() + "/");
            return receiver;
        }

        public TaskCompletionSource<long> Expect(string brand) =>
            expected.GetOrAdd(brand, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed class HostProcess : IAsyncDisposable
    {
        private readonly Process process;
        private readonly StringBuilder output = new();

        public HostProcess(Process process, Uri baseAddress)
        {
            this.process = process;
            BaseAddress = baseAddress;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Uri BaseAddress { get; }

        public string Output
        {
            get { lock (output) return output.ToString(); }
        }

        private void Append(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
        }

        public async Task WaitUntilReadyAsync()
        {
            using var http = new HttpClient { BaseAddress = BaseAddress };
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (DateTime.UtcNow < deadline)
            {
                if (process.HasExited) throw new InvalidOperationException($"Crisis.Host exited with {process.ExitCode}:\n{Output}");
                try
                {
                    using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                    if (response.StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(200);
            }
            throw new TimeoutException($"Crisis.Host was not ready within 120 s:\n{Output}");
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
