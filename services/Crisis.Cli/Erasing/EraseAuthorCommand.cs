using System.ComponentModel;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Crisis.Cli.Desk;
using Crisis.Cli.Hosting;
using Crisis.Ingestion.Mentions;
using Crisis.PersonalData;
using Crisis.PersonalData.Erasing;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace Crisis.Cli.Erasing;

/// <summary>
/// <c>crisis authors erase --platform x --handle @someone</c>. With <c>--url</c> (and an admin's token) it asks a host
/// to erase the author from what the token's organisation keeps (<c>POST /api/personal-data/erasures</c>): the usual
/// way. Without <c>--url</c> it is the operator's direct mode, with the database's credentials: every organisation's
/// kept posts (each erasure recorded in that organisation's audit, by the operator), then the documents older than
/// pseudonymisation that still hold raw handles, which no organisation may rewrite (docs/security.md). Either way the
/// work is the personal-data module's; this command only carries the request and prints the answer.
/// </summary>
public sealed class EraseAuthorCommand : AsyncCommand<EraseAuthorCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--platform <PLATFORM>")]
        [Description("Where the author posts: " + Platforms.Accepted + ".")]
        public string Platform { get; init; } = "";

        [CommandOption("--handle <HANDLE>")]
        [Description("The author's handle on that platform (with or without @; case does not matter).")]
        public string Handle { get; init; } = "";

        [CommandOption("--url <URL>")]
        [Description("Base URL of a Crisis host: erase for the organisation of --token. Without it: the operator's direct mode (--connection).")]
        public string? Url { get; init; }

        [CommandOption("--token <JWT>")]
        [Description("An admin's bearer token, with --url. Default: $CRISIS_TOKEN.")]
        public string? Token { get; init; }

        public override Spectre.Console.ValidationResult Validate()
        {
            if (!Platforms.TryParse(Platform, out _)) return Spectre.Console.ValidationResult.Error($"--platform must be one of: {Platforms.Accepted}");
            if (Handle.Trim().TrimStart('@').Length < 2) return Spectre.Console.ValidationResult.Error("--handle is required (at least 2 characters)");
            if (Url is not null && (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
                return Spectre.Console.ValidationResult.Error("--url must be an absolute http(s) URL");
            return Spectre.Console.ValidationResult.Success();
        }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        settings.Url is null ? EraseDirectlyAsync(settings, cancellationToken) : AskHostAsync(settings, cancellationToken);

    private static async Task<int> AskHostAsync(Settings settings, CancellationToken ct)
    {
        var http = new HttpClient { BaseAddress = new Uri(settings.Url!), Timeout = TimeSpan.FromMinutes(2) };
        if ((settings.Token ?? Environment.GetEnvironmentVariable("CRISIS_TOKEN")) is { Length: > 0 } token)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var api = new ApiClient(http);
        // A refusal (401, 403, 422 naming the field) becomes an ApiProblemException, which CliErrors prints in one line.
        var answer = await api.PostAsync(EraseAuthorEndpoint.Route, new EraseAuthorRequest(settings.Platform, settings.Handle), ct);
        var erased = answer.Deserialize<AuthorErasureView>(ApiClient.Json) ?? throw new InvalidDataException("the host answered the erasure with an empty body");
        Console.WriteLine(erased.AlreadyErased
            ? $"{settings.Handle} on {erased.Platform} was already erased as {erased.AuthorPseudonym}; nothing more to empty"
            : string.Create(CultureInfo.InvariantCulture,
                $"{settings.Handle} on {erased.Platform} is now {erased.AuthorPseudonym}; kept identity and words of {erased.PostsEmptied} posts emptied"));
        return 0;
    }

    private static async Task<int> EraseDirectlyAsync(Settings settings, CancellationToken ct)
    {
        if (!Platforms.TryParse(settings.Platform, out var platform)) return 1; // Validate() has refused it already
        using var host = StoreHost.Build(settings);
        var outcome = await host.Services.GetRequiredService<OperatorErasure>().EraseEverywhereAsync(
            new PlatformName(platform.WireName(), platform.ToString()), settings.Handle, $"operator:{Environment.UserName}", DateTimeOffset.UtcNow, ct);

        var report = new List<string>();
        var emptied = outcome.Organisations.Sum(o => o.Outcome.PostsEmptied);
        if (emptied > 0) report.Add(string.Create(CultureInfo.InvariantCulture, $"kept identity and words of {emptied} posts emptied"));
        report.AddRange(outcome.Legacy.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Table}: {t.Posts} posts in {t.Rows} rows")));
        var named = outcome.Organisations.Where(o => o.Outcome.PostsEmptied > 0).Select(o => o.Outcome.AuthorPseudonym).DefaultIfEmpty(outcome.LegacyPseudonym);
        Console.WriteLine(report.Count == 0
            ? $"nothing of {settings.Handle} on {platform.WireName()} was stored in schema '{settings.Schema}'"
            : $"{settings.Handle} on {platform.WireName()} is now {string.Join(", ", named.Distinct(StringComparer.Ordinal))}; {string.Join("; ", report)}");
        return 0;
    }
}
