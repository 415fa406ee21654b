using System.ComponentModel;
using System.Net.Http.Headers;
using Spectre.Console.Cli;

namespace Crisis.Cli.Desk;

/// <summary>Where the host's API is and who the caller is: the commands that work through HTTP, as any client does.</summary>
public class ApiSettings : CommandSettings
{
    [CommandOption("--url <URL>")]
    [Description("The Crisis host. Default: $CRISIS_URL, else http://127.0.0.1:5080.")]
    public string? Url { get; init; }

    [CommandOption("--token <JWT>")]
    [Description("Bearer token of the caller (crisis token). Default: $CRISIS_TOKEN.")]
    public string? Token { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        !Uri.TryCreate(ResolvedUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            ? Spectre.Console.ValidationResult.Error($"--url must be an absolute http(s) address, not '{ResolvedUrl}'")
            : string.IsNullOrWhiteSpace(ResolvedToken)
                ? Spectre.Console.ValidationResult.Error("--token is required (or set CRISIS_TOKEN): make one with 'crisis token'")
                : Spectre.Console.ValidationResult.Success();

    private string ResolvedUrl => Url ?? Environment.GetEnvironmentVariable("CRISIS_URL") ?? "http://127.0.0.1:5080";

    private string? ResolvedToken => Token ?? Environment.GetEnvironmentVariable("CRISIS_TOKEN");

    public ApiClient CreateClient()
    {
        var http = new HttpClient { BaseAddress = new Uri(ResolvedUrl), Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ResolvedToken);
        return new ApiClient(http);
    }
}
