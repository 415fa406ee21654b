using System.ComponentModel;
using Crisis.ServiceDefaults.Localisation;
using Crisis.ServiceDefaults.Security.Authorizing;
using Crisis.ServiceDefaults.Security.IssuingTokens;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Crisis.Cli.IssuingTokens;

/// <summary>
/// <c>crisis token --create-key FILE</c> makes a local signing key; <c>crisis token --key FILE --org X --role responder
/// --name alice --expires 8h [--locale ar --time-zone Africa/Algiers]</c> prints a token signed with it, for a host whose <c>Authentication:Jwt:SigningKeyFiles</c>
/// lists that file. Whoever can read the key file can issue any token: keep it with the host's secrets.
/// </summary>
public sealed class TokenCommand : Command<TokenCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--create-key <FILE>")]
        [Description("Write a new signing key (HMAC-SHA256, 512 random bits) to FILE, readable by you only; FILE must not exist.")]
        public string? CreateKey { get; init; }

        [CommandOption("--key <FILE>")]
        [Description("Sign the token with this key file.")]
        public string? Key { get; init; }

        [CommandOption("--org <ID>")]
        [Description("Organisation the token is confined to.")]
        public string? Organisation { get; init; }

        [CommandOption("--role <ROLE>")]
        [Description("viewer, responder, incident-lead or admin (repeat for several).")]
        public string[] Roles { get; init; } = [];

        [CommandOption("--name <NAME>")]
        [Description("Who the token stands for, as recorded in the events (e.g. alice).")]
        public string? Name { get; init; }

        [CommandOption("--expires <LIFETIME>")]
        [Description("Lifetime: 30m, 8h, 7d (at most 366d). Default: 8h.")]
        public string Expires { get; init; } = "8h";

        [CommandOption("--locale <TAG>")]
        [Description("The language the person reads: en, fr or ar (ar-u-nu-latn for Latin digits). The dashboard and the report follow it.")]
        public string? Locale { get; init; }

        [CommandOption("--time-zone <ZONE>")]
        [Description("The IANA time zone the person reads times in (e.g. Africa/Algiers), over the organisation's default.")]
        public string? TimeZone { get; init; }

        [CommandOption("--issuer <ISS>")]
        [Description("The host's Authentication:Jwt:Issuer. Default: crisis-local.")]
        public string Issuer { get; init; } = TokenIssuer.DefaultIssuer;

        [CommandOption("--audience <AUD>")]
        [Description("The host's Authentication:Jwt:Audience. Default: crisis-api.")]
        public string Audience { get; init; } = TokenIssuer.DefaultAudience;

        public override ValidationResult Validate()
        {
            if (CreateKey is not null)
            {
                if (Key is not null) return ValidationResult.Error("--create-key and --key do not go together: create the key first, then issue tokens with --key");
                return File.Exists(CreateKey) ? ValidationResult.Error($"--create-key: '{CreateKey}' already exists; a key is never overwritten") : ValidationResult.Success();
            }
            if (Key is null) return ValidationResult.Error("--key <FILE> is required (or --create-key <FILE> to make one)");
            if (string.IsNullOrWhiteSpace(Organisation)) return ValidationResult.Error("--org <ID> is required");
            if (string.IsNullOrWhiteSpace(Name)) return ValidationResult.Error("--name <NAME> is required");
            if (Roles.Length == 0) return ValidationResult.Error($"--role is required: {string.Join(", ", CrisisRoles.All)}");
            if (Roles.FirstOrDefault(r => !CrisisRoles.IsKnown(r)) is { } unknown)
                return ValidationResult.Error($"--role: unknown role '{unknown}'; known: {string.Join(", ", CrisisRoles.All)}");
            if (!TokenLifetime.TryParse(Expires, out _)) return ValidationResult.Error($"--expires: '{Expires}' is not a lifetime such as 30m, 8h or 7d (at most 366d)");
            if (Locale is not null && !UiLanguage.TryParse(Locale, out _)) return ValidationResult.Error($"--locale: '{Locale}' {UiLanguage.Rule}");
            if (TimeZone is not null && !ViewerZone.TryParse(TimeZone, out _)) return ValidationResult.Error($"--time-zone: '{TimeZone}' {ViewerZone.Rule}");
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            if (settings.CreateKey is { } path)
            {
                var created = SigningKey.Create(TimeProvider.System);
                created.WriteTo(path);
                Console.Error.WriteLine($"wrote signing key '{created.KeyId}' to {path}; list it in Authentication:Jwt:SigningKeyFiles");
                return 0;
            }
            var key = SigningKey.Read(settings.Key!);
            if (!TokenLifetime.TryParse(settings.Expires, out var lifetime)) throw new InvalidOperationException("validated above");
            var request = new TokenRequest(settings.Name!.Trim(), settings.Organisation!.Trim(), settings.Roles, lifetime,
                UiLanguage.TryParse(settings.Locale, out var locale) ? locale : null, ViewerZone.TryParse(settings.TimeZone, out var zone) ? zone : null);
            Console.WriteLine(TokenIssuer.Issue(key, request, TimeProvider.System.GetUtcNow(), settings.Issuer, settings.Audience));
            return 0;
        }
        catch (Exception e) when (e is SigningKeyException or IOException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]error:[/] {e.Message}");
            return 1;
        }
    }
}
