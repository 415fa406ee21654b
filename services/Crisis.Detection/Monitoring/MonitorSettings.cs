using Crisis.Detection.Detecting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crisis.Detection.Monitoring;

/// <summary>
/// The <c>Detection</c> section as <see cref="MonitorOptions"/>: <c>AllowedLateness</c>, <c>BacklogLag</c>, <c>EvidenceBuckets</c>
/// and the detector's own options under <c>Detection:Detector</c>, which <c>Detection:OptionsFile</c> fills from a JSON file
/// (the format <c>crisis evaluate --config</c> takes) added as a configuration source. Checked when the host starts.
/// </summary>
public static class MonitorSettings
{
    public const string OptionsFile = MonitorOptions.Section + ":OptionsFile";
    public const string DetectorSection = MonitorOptions.Section + ":" + nameof(MonitorOptions.Detector);

    public static IServiceCollection AddMonitorOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<MonitorOptions>>(new MonitorOptionsValidator(configuration));
        services.AddOptions<MonitorOptions>().Bind(configuration.GetSection(MonitorOptions.Section)).ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Adds the file <c>Detection:OptionsFile</c> names, if any, as a configuration source under <c>Detection:Detector</c>.
    /// </summary>
    public static IConfigurationBuilder AddDetectorOptionsFile(this IConfigurationManager configuration)
    {
        if (configuration[OptionsFile] is not { Length: > 0 } file) return configuration;
        // As before, a relative path is taken from the working directory, not the content root.
        var path = Path.GetFullPath(file);
        try
        {
            // Before the environment and the command line, as appsettings files are: they still override one option of it.
            var source = new PrefixedJsonFileSource(DetectorSection, path);
            var at = configuration.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource or CommandLineConfigurationSource);
            if (at < 0) configuration.Sources.Add(source);
            else configuration.Sources.Insert(at, source);
            return configuration;
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new InvalidOperationException($"{OptionsFile} ({file}): {e.InnerException?.Message ?? e.Message}", e);
        }
    }
}

/// <summary>The section's checks, each naming the setting: the detector's own rules (<see cref="DetectorOptions.Validate"/>) and the monitor's.</summary>
internal sealed class MonitorOptionsValidator(IConfiguration configuration) : IValidateOptions<MonitorOptions>
{
    private static readonly HashSet<string> DetectorOptionNames =
        typeof(DetectorOptions).GetProperties().Where(p => p.SetMethod is not null).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public ValidateOptionsResult Validate(string? name, MonitorOptions options)
    {
        var problems = new List<string>();
        var from = configuration[MonitorSettings.OptionsFile] is { Length: > 0 } file ? $" (from {MonitorSettings.OptionsFile} {file})" : "";
        // The file used to be read strictly: an option the detector does not know is a typo, not something to ignore.
        foreach (var unknown in configuration.GetSection(MonitorSettings.DetectorSection).GetChildren().Where(c => !DetectorOptionNames.Contains(c.Key)))
            problems.Add($"{MonitorSettings.DetectorSection}:{unknown.Key} is not a detector option{from}");
        try
        {
            options.Detector.Validate();
        }
        catch (DetectorOptionsException e)
        {
            problems.Add($"{MonitorSettings.DetectorSection}:{e.Field}: {e.Message}{from}");
        }
        if (options.AllowedLateness < TimeSpan.Zero)
            problems.Add($"{MonitorOptions.Section}:AllowedLateness must not be negative (hh:mm:ss)");
        if (options.BacklogLag <= TimeSpan.Zero)
            problems.Add($"{MonitorOptions.Section}:BacklogLag must be a positive duration (hh:mm:ss)");
        if (options.EvidenceBuckets < 1)
            problems.Add($"{MonitorOptions.Section}:EvidenceBuckets must be at least 1");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
