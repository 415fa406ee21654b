using Crisis.Connectors.Querying;
using Crisis.Connectors.Running;
using Crisis.ServiceDefaults.Http.Validating;
using Microsoft.Extensions.Options;

namespace Crisis.Connectors.Configuring;

/// <summary>
/// Checks every connector at start: a typo in a query, a brand id, a source name or a token file stops the host with
/// the setting's path and the reason (the query's character position), instead of a connector that silently matches nothing.
/// </summary>
public sealed class ConnectorSettingsValidator : IValidateOptions<ConnectorsSettings>
{
    public ValidateOptionsResult Validate(string? name, ConnectorsSettings options)
    {
        var problems = new List<string>();
        foreach (var (connector, settings) in options.Instances) problems.AddRange(Problems(connector, settings));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IEnumerable<string> Problems(string connector, ConnectorSettings settings)
    {
        var path = $"{ConnectorsSettings.Section}:Instances:{connector}";
        if (!InputRules.IsIdentifier(connector)) yield return $"{path}: the connector's name {InputRules.IdentifierRule}";
        if (!ConnectorSources.IsKnown(settings.Source))
        {
            yield return $"{path}:Source: '{settings.Source}' is not a known source; use one of: {string.Join(", ", ConnectorSources.Names)}";
        }
        if (string.IsNullOrWhiteSpace(settings.Organisation) || !InputRules.IsIdentifier(settings.Organisation))
        {
            yield return $"{path}:Organisation: is required and {InputRules.IdentifierRule}";
        }
        if (settings.Brands.Count == 0) yield return $"{path}:Brands: name at least one brand and its query";
        foreach (var (brand, query) in settings.Brands)
        {
            if (!IsBrandId(brand)) yield return $"{path}:Brands:{brand}: a brand id must be 1 to 64 characters of a-z, 0-9 and '-', starting with a letter or digit";
            if (!QueryParser.TryParse(query, out _, out var error)) yield return $"{path}:Brands:{brand}: the query {error}";
        }
        if (settings.Endpoint is { } endpoint && endpoint.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            yield return $"{path}:Endpoint: must be an absolute http(s) or ws(s) address";
        }
        if (settings.TokenFile is { Length: > 0 } file && !File.Exists(file)) yield return $"{path}:TokenFile: '{file}' is not a readable file";
        if (settings.BatchSize is < 1 or > 5000) yield return $"{path}:BatchSize: must be from 1 to 5000";
        if (settings.FlushInterval < TimeSpan.FromMilliseconds(10) || settings.FlushInterval > TimeSpan.FromMinutes(1)) yield return $"{path}:FlushInterval: must be from 10 ms to 1 minute";
        if (settings.PollInterval < TimeSpan.FromSeconds(1) || settings.PollInterval > TimeSpan.FromDays(1)) yield return $"{path}:PollInterval: must be from 1 second to 1 day";
        if (settings.Backfill < TimeSpan.Zero || settings.Backfill > TimeSpan.FromDays(7)) yield return $"{path}:Backfill: must be from 0 to 7 days";
        if (settings.MaxBackoff < TimeSpan.FromSeconds(1) || settings.MaxBackoff > TimeSpan.FromHours(1)) yield return $"{path}:MaxBackoff: must be from 1 second to 1 hour";
        foreach (var problem in ConnectorSources.Problems(settings)) yield return $"{path}:{problem}";
    }

    /// <summary>The intake's brand id grammar (BrandIds in ingestion), repeated here since connectors depend on contracts only.</summary>
    private static bool IsBrandId(string id) =>
        id.Length is > 0 and <= 64 && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
