using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console.Cli;

namespace Crisis.Cli.Inbox;

/// <summary>
/// <c>crisis inbox --port 5091 --out inbox.ndjson --secret s</c>: a local webhook receiver on loopback that shows and
/// keeps every notification Crisis sends to it, checking the HMAC signature of the generic webhook. For trying an
/// on-call set-up (and for the demo) without a real pager, Slack or Teams.
/// </summary>
public sealed class InboxCommand : AsyncCommand<InboxCommand.Settings>
{
    private const string SignatureHeader = "X-Crisis-Signature";
    private const string IdempotencyHeader = "X-Crisis-Idempotency-Key";

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--port <PORT>")]
        [Description("Loopback port to listen on. Default: 5091.")]
        public int Port { get; init; } = 5091;

        [CommandOption("--out <FILE>")]
        [Description("NDJSON file each received notification is appended to.")]
        public string Out { get; init; } = "";

        [CommandOption("--secret <SECRET>")]
        [Description("Shared secret of the generic webhook; when set, a post with a wrong signature is refused with 401. Slack- and Teams-shaped posts carry no signature and are kept as unsigned.")]
        public string? Secret { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Out) ? Spectre.Console.ValidationResult.Error("--out is required")
            : Port is < 1 or > 65535 ? Spectre.Console.ValidationResult.Error("--port must be between 1 and 65535")
            : Spectre.Console.ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{settings.Port}/"));
        try
        {
            listener.Start();
        }
        catch (HttpListenerException e)
        {
            await Console.Error.WriteLineAsync($"crisis inbox: cannot listen on 127.0.0.1:{settings.Port}: {e.Message}");
            return 1;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[inbox] listening on http://127.0.0.1:{settings.Port}/ , writing to {settings.Out}"));

        var seen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await using var output = new StreamWriter(settings.Out, append: true) { AutoFlush = true };
        using var registration = stop.Token.Register(listener.Stop);
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext request;
            try
            {
                request = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                break;
            }
            await ReceiveAsync(request, settings.Secret, seen, output);
        }
        return 0;
    }

    private static async Task ReceiveAsync(HttpListenerContext context, string? secret, ConcurrentDictionary<string, bool> seen, StreamWriter output)
    {
        using var response = context.Response;
        if (context.Request.HttpMethod != "POST")
        {
            response.StatusCode = (int)HttpStatusCode.MethodNotAllowed;
            return;
        }
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
        var signature = context.Request.Headers[SignatureHeader];
        // Only the generic webhook signs its body; Slack and Teams incoming webhooks rely on their secret URL instead.
        bool? signed = secret is null || signature is null ? null : Verify(body, secret, signature);
        if (signed == false)
        {
            response.StatusCode = (int)HttpStatusCode.Unauthorized;
            await Console.Error.WriteLineAsync($"[inbox] refused a post to {context.Request.Url?.AbsolutePath}: wrong {SignatureHeader}");
            return;
        }
        var key = context.Request.Headers[IdempotencyHeader];
        var duplicate = key is not null && !seen.TryAdd(key, true);
        JsonNode? payload;
        try
        {
            payload = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            response.StatusCode = (int)HttpStatusCode.BadRequest;
            return;
        }
        var receivedAt = DateTimeOffset.UtcNow;
        var record = new JsonObject
        {
            ["receivedAt"] = receivedAt.ToString("O", CultureInfo.InvariantCulture),
            ["path"] = context.Request.Url?.AbsolutePath,
            ["signed"] = signed,
            ["idempotencyKey"] = key,
            ["duplicate"] = duplicate,
            ["payload"] = payload,
        };
        await output.WriteLineAsync(record.ToJsonString());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[inbox] {receivedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC (received) {context.Request.Url?.AbsolutePath}{(duplicate ? " (duplicate)" : "")}: {Describe(payload)}"));
        response.StatusCode = (int)HttpStatusCode.OK;
    }

    private static bool Verify(string body, string secret, string signature)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>The generic webhook's headline, or Slack's text, or Teams' summary: whichever the payload has.</summary>
    private static string Describe(JsonNode? payload) =>
        (payload?["headline"] ?? payload?["text"] ?? payload?["summary"])?.ToString() is { } text
            ? payload?["recipient"] is { } recipient ? string.Create(CultureInfo.InvariantCulture, $"{recipient} level {payload?["level"]}: {text}") : text
            : payload?.ToJsonString() ?? "";
}
