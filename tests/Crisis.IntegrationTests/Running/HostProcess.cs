using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Crisis.IntegrationTests.Running;

/// <summary>
/// A real Crisis.Host process on loopback, configured for the test servers: tests see exactly what an
/// operator would run, and can kill it like a crash would.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    private HostProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Http = ClientFor(TestTokens.Organisation, TestTokens.DefaultName);
    }

    /// <summary>A client signed in as <paramref name="name"/> of <paramref name="organisation"/> (admin unless roles are given); the caller disposes it.</summary>
    public HttpClient ClientFor(string organisation, string name = TestTokens.DefaultName, params string[] roles)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = TestTokens.Bearer(organisation, name, roles);
        return client;
    }

    /// <summary>A client with no credentials at all; the caller disposes it.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var hostDll = Path.Combine(TestServers.RepositoryRoot, "services", "Crisis.Host", "bin", TestServers.BuildConfiguration, "net10.0", "Crisis.Host.dll");
        if (!File.Exists(hostDll)) throw new FileNotFoundException("build the solution first", hostDll);
        var start = new ProcessStartInfo("dotnet", [hostDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Crisis"] = TestServers.PostgresConnection;
        start.Environment["ConnectionStrings__RabbitMq"] = TestServers.RabbitMq.ToString();
        start.Environment["EventStore__Schema"] = TestServers.Schema;
        start.Environment["EventStore__ApplySchemaOnStartup"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Stage deadline specs wait on the timer: a one-second round keeps them quick without a fake clock.
        start.Environment["CrisisCell__DeadlineCheckIntervalSeconds"] = "1";
        // Specs page with evidence up to an hour old (a stage already past its deadline, a KPI curve): on time for them.
        // The late-page spec pages with evidence three hours old.
        start.Environment["CrisisCell__LatePageHorizon"] = "01:00:00";
        foreach (var (key, value) in TestTokens.HostSettings()) start.Environment[key] = value;
        // The whole run posts as one admin: specs about other things must not be throttled (the rate spec sets its own).
        // Bus messages published with the test's RabbitMQ user as user-id speak for test-org (BusSenderSettings).
        start.Environment[$"Ingestion__Bus__Organisations__{TestServers.RabbitMq.UserInfo.Split(':')[0]}"] = TestTokens.Organisation;
        start.Environment["Ingestion__RateLimit__Burst"] = "1000000";
        start.Environment["Ingestion__RateLimit__PermitsPerPeriod"] = "1000000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start Crisis.Host");
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync();
        }
        catch
        {
            // A host that never became ready is stopped here: its caller holds no reference to it, and a stray host
            // would keep consuming the test queues (and hold the integration lock's descriptor).
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"Crisis.Host exited with {process.ExitCode}:\n{Output}");
            try
            {
                using var response = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Crisis.Host was not ready within 90 s:\n{Output}");
    }

    /// <summary>SIGKILL: no graceful shutdown, no flushing, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
        Http.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
